namespace EdgeEmotion.Collector.Storage;

/// <summary>
/// Logarithmic bins for durations in seconds, so that an hour's dwell and attention times can be
/// kept as a few counts per bin and summed over any period into a median: bin 0 holds everything
/// up to <see cref="Smallest"/>, bin k &gt; 0 the range (Smallest·Ratio^(k-1), Smallest·Ratio^k].
/// A bin's value is its geometric middle, within ±5 % of any duration in it. Written by hand:
/// a t-digest or DDSketch library would keep the same few numbers in a blob the database
/// cannot sum; bins in rows can be summed by SQL across devices and hours.
/// </summary>
public static class DurationHistogram
{
    public const double Smallest = 0.1;
    public const double Ratio = 1.1;
    /// <summary>The last bin reaches past 0.1·1.1^199, about 18 years: nothing is cut off.</summary>
    public const int Bins = 200;

    public static int Bin(double seconds)
    {
        if (!(seconds > Smallest))
        {
            return 0;
        }
        var bin = (int)Math.Ceiling(Math.Log(seconds / Smallest) / Math.Log(Ratio) - 1e-9);
        return Math.Clamp(bin, 1, Bins - 1);
    }

    /// <summary>The value reported for a bin: 0 for bin 0, else the geometric middle.</summary>
    public static double Value(int bin) => bin == 0 ? 0 : Smallest * Math.Pow(Ratio, bin - 0.5);

    /// <summary>The median of the durations counted in <paramref name="counts"/> (bin, count),
    /// null when there are none; with an even number, the mean of the two middle values.</summary>
    public static double? Median(IEnumerable<(int Bin, long Count)> counts)
    {
        var sorted = counts.Where(c => c.Count > 0).OrderBy(c => c.Bin).ToList();
        var total = sorted.Sum(c => c.Count);
        if (total == 0)
        {
            return null;
        }
        return (ValueAtRank(sorted, (total - 1) / 2) + ValueAtRank(sorted, total / 2)) / 2;
    }

    private static double ValueAtRank(List<(int Bin, long Count)> sorted, long rank)
    {
        var seen = 0L;
        foreach (var (bin, count) in sorted)
        {
            seen += count;
            if (rank < seen)
            {
                return Value(bin);
            }
        }
        return Value(sorted[^1].Bin);
    }
}
