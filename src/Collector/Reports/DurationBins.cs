using EdgeEmotion.Collector.Statistics;

namespace EdgeEmotion.Collector.Reports;

/// <summary>The rollups' duration histograms (<see cref="DurationHistogram"/>) as a
/// <see cref="BinnedSample"/>: bin 0 is the single value 0 (everything up to 0.1 s, mostly visits
/// that never looked), bin k the range (0.1·1.1^(k−1), 0.1·1.1^k].</summary>
public static class DurationBins
{
    // Each bin's ends, worked out once: a 30-day hourly summary reads some 2,000 samples of
    // about 60 bins each.
    private static readonly double[] Lows = [.. Enumerable.Range(0, DurationHistogram.Bins).Select(Low)];
    private static readonly double[] Highs = [.. Enumerable.Range(0, DurationHistogram.Bins).Select(High)];

    public static BinnedSample Sample(IEnumerable<(int Bin, long Count)> counts)
    {
        var perBin = new long[DurationHistogram.Bins];
        foreach (var (bin, count) in counts)
        {
            perBin[bin] += count;
        }
        return Sample(perBin);
    }

    /// <summary>The sample of counts indexed by bin (<see cref="DurationHistogram.Bins"/> of them).</summary>
    public static BinnedSample Sample(long[] perBin) =>
        new(perBin.Select((count, bin) => new BinnedSample.Bin(Lows[bin], Highs[bin], count)));

    private static double Low(int bin) => bin == 0 ? 0 : DurationHistogram.Smallest * Math.Pow(DurationHistogram.Ratio, bin - 1);

    private static double High(int bin) => bin == 0 ? 0 : DurationHistogram.Smallest * Math.Pow(DurationHistogram.Ratio, bin);
}
