namespace EdgeEmotion.Collector.Tests.Storage;

public sealed class DurationHistogramTests
{
    [Fact]
    public void A_median_from_the_bins_is_within_five_per_cent_of_the_exact_one()
    {
        var random = new Random(26);
        for (var trial = 0; trial < 200; trial++)
        {
            var values = Enumerable.Range(0, random.Next(1, 400)).Select(_ => Math.Exp(random.NextDouble() * 8) * 0.2).Order().ToList();
            var exact = (values[(values.Count - 1) / 2] + values[values.Count / 2]) / 2;
            var binned = DurationHistogram.Median(values.GroupBy(DurationHistogram.Bin).Select(g => (g.Key, (long)g.Count())));
            Assert.InRange(binned!.Value, exact * 0.95, exact * 1.05);
        }
    }

    [Fact]
    public void Each_duration_lies_in_its_bin()
    {
        foreach (var seconds in new[] { 0.1000001, 0.11, 1, 1.1, 9.99, 60, 3600, 86_400 })
        {
            var bin = DurationHistogram.Bin(seconds);
            Assert.InRange(seconds, DurationHistogram.Smallest * Math.Pow(DurationHistogram.Ratio, bin - 1), DurationHistogram.Smallest * Math.Pow(DurationHistogram.Ratio, bin) * (1 + 1e-9));
        }
        Assert.Equal(0, DurationHistogram.Bin(0));
        Assert.Null(DurationHistogram.Median([]));
    }
}
