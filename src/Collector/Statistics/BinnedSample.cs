namespace EdgeEmotion.Collector.Statistics;

/// <summary>
/// A sample known only as counts in ascending, non-overlapping bins (the rollups' duration
/// histograms). Its order statistics are read by spreading each bin's values evenly over the bin,
/// on a log scale where the bin starts above 0 (the histograms' bins are a constant ratio wide),
/// linearly from 0, and as the single value of a bin whose ends are equal.
/// </summary>
public sealed class BinnedSample
{
    private readonly List<Bin> _bins;

    public BinnedSample(IEnumerable<Bin> bins)
    {
        _bins = [.. bins.Where(b => b.Count > 0).OrderBy(b => b.Low)];
        Count = _bins.Sum(b => b.Count);
    }

    public long Count { get; }

    /// <summary>The median (the mean of the two middle values when the count is even); null when empty.</summary>
    public double? Median => Count == 0 ? null : (OrderStatistic((Count + 1) / 2) + OrderStatistic((Count / 2) + 1)) / 2;

    /// <summary>The <paramref name="k"/>-th smallest value, 1-based.</summary>
    public double OrderStatistic(long k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, Count);
        var before = 0L;
        foreach (var bin in _bins)
        {
            if (k <= before + bin.Count)
            {
                var position = (k - before - 0.5) / bin.Count; // the j-th of c values sits at (j − ½)/c of the bin
                return bin.Low == bin.High ? bin.Low
                    : bin.Low > 0 ? bin.Low * Math.Pow(bin.High / bin.Low, position)
                    : bin.Low + ((bin.High - bin.Low) * position);
            }
            before += bin.Count;
        }
        throw new InvalidOperationException("unreachable: k is at most Count");
    }

    /// <summary>Values (Low, High], counted <see cref="Count"/> times; Low = High for a single value.</summary>
    public readonly record struct Bin(double Low, double High, long Count);

    /// <summary>A plain sample, each value a bin of its own (for tests and small samples).</summary>
    public static BinnedSample Exact(IEnumerable<double> values) =>
        new(values.GroupBy(v => v).Select(g => new Bin(g.Key, g.Key, g.Count())));
}
