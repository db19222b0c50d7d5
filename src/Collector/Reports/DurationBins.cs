using EdgeEmotion.Collector.Statistics;
using EdgeEmotion.Collector.Storage;

namespace EdgeEmotion.Collector.Reports;

/// <summary>The rollups' duration histograms (<see cref="DurationHistogram"/>) as a
/// <see cref="BinnedSample"/>: bin 0 is the single value 0 (everything up to 0.1 s, mostly visits
/// that never looked), bin k the range (0.1·1.1^(k−1), 0.1·1.1^k].</summary>
public static class DurationBins
{
    public static BinnedSample Sample(IEnumerable<(int Bin, long Count)> counts) =>
        new(counts.GroupBy(c => c.Bin).Select(g => new BinnedSample.Bin(Low(g.Key), High(g.Key), g.Sum(c => c.Count))));

    private static double Low(int bin) => bin == 0 ? 0 : DurationHistogram.Smallest * Math.Pow(DurationHistogram.Ratio, bin - 1);

    private static double High(int bin) => bin == 0 ? 0 : DurationHistogram.Smallest * Math.Pow(DurationHistogram.Ratio, bin);
}
