namespace EdgeEmotion.Quantize.Calibration;

/// <summary>Running statistics of one tensor over the calibration set: min/max in a first
/// pass, a histogram of values over [min, max] in a second.</summary>
public sealed class TensorRange
{
    public const int Bins = 4096;

    public float Min { get; private set; } = float.PositiveInfinity;
    public float Max { get; private set; } = float.NegativeInfinity;
    public long[] Histogram { get; } = new long[Bins];

    public void Observe(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            if (v < Min)
            {
                Min = v;
            }
            if (v > Max)
            {
                Max = v;
            }
        }
    }

    public void Count(ReadOnlySpan<float> values)
    {
        var width = (Max - Min) / Bins;
        if (width <= 0)
        {
            return;
        }
        foreach (var v in values)
        {
            var bin = (int)((v - Min) / width);
            Histogram[Math.Clamp(bin, 0, Bins - 1)]++;
        }
    }

    /// <summary>The range [lo, hi] that the method keeps; always includes 0 so that zero is exact.</summary>
    public (float Lo, float Hi) Range(CalibrationMethod method, double percentile)
    {
        if (float.IsInfinity(Min))
        {
            throw new InvalidOperationException("No calibration values were observed.");
        }
        var lo = Math.Min(0f, Min);
        var hi = Math.Max(0f, Max);
        if (method == CalibrationMethod.Percentile && Max > Min)
        {
            var total = Histogram.Sum();
            // Clip the tail on each side that has values: ReLU outputs only have an upper one.
            var fraction = 1 - (percentile / 100);
            var tail = (long)Math.Floor(total * (Min < 0 ? fraction / 2 : fraction));
            var width = (Max - Min) / Bins;
            hi = Math.Max(0f, Min + (width * (BinFromTop(tail) + 1)));
            lo = Min < 0 ? Math.Min(0f, Min + (width * BinFromBottom(tail))) : 0f;
        }
        return (lo, hi);
    }

    private int BinFromTop(long skip)
    {
        long seen = 0;
        for (var b = Bins - 1; b >= 0; b--)
        {
            seen += Histogram[b];
            if (seen > skip)
            {
                return b;
            }
        }
        return 0;
    }

    private int BinFromBottom(long skip)
    {
        long seen = 0;
        for (var b = 0; b < Bins; b++)
        {
            seen += Histogram[b];
            if (seen > skip)
            {
                return b;
            }
        }
        return Bins - 1;
    }
}
