using EdgeEmotion.Collector.Statistics;
using MathNet.Numerics.Distributions;

namespace EdgeEmotion.Collector.Tests.Statistics;

/// <summary>The medians' interval (Price–Bonett with McKean–Schrader's standard error) from
/// binned samples, and the face-time shares' ratio interval: properties and coverage.</summary>
public sealed class MedianAndRatioIntervalTests
{
    [Fact]
    public void Order_statistics_of_an_exact_sample_are_its_sorted_values()
    {
        double[] values = [5, 1, 4, 2, 3, 3];
        var sample = BinnedSample.Exact(values);
        Assert.Equal(values.Order(), Enumerable.Range(1, 6).Select(k => sample.OrderStatistic(k)));
        Assert.Equal(3, sample.Median);
        Assert.Null(BinnedSample.Exact([]).Median);
    }

    [Fact]
    public void The_median_of_the_rollups_histogram_is_within_one_percent_of_the_samples()
    {
        var random = new Random(5);
        var dwell = Enumerable.Range(0, 5000).Select(_ => Math.Exp(2.5 + Normal.Sample(random, 0, 1))).ToList();
        var binned = Histogram(dwell);
        var exact = dwell.Order().ToList();
        var median = (exact[2499] + exact[2500]) / 2;
        Assert.InRange(binned.Median!.Value, median * 0.99, median * 1.01);
    }

    /// <summary>For a normal sample the median's standard error is √(π/2)·σ/√n (its asymptotic
    /// value, 1/(2f(m)√n)); McKean–Schrader's estimate approaches it.</summary>
    [Fact]
    public void The_standard_error_approaches_the_asymptotic_one()
    {
        var random = new Random(1984);
        const int N = 4000;
        var estimates = Enumerable.Range(0, 50).Select(_ => MedianDifference.StandardError(BinnedSample.Exact(Enumerable.Range(0, N).Select(_ => Normal.Sample(random, 0, 1))), 0.95)!.Value).ToList();
        Assert.InRange(estimates.Average(), 0.95 * Math.Sqrt(Math.PI / 2 / N), 1.05 * Math.Sqrt(Math.PI / 2 / N));
        Assert.Null(MedianDifference.StandardError(BinnedSample.Exact([1, 2, 3]), 0.95));
        Assert.NotNull(MedianDifference.StandardError(BinnedSample.Exact([1, 2, 3, 4]), 0.95));
        Assert.Null(MedianDifference.StandardError(BinnedSample.Exact([]), 0.95));
    }

    [Fact]
    public void The_median_difference_covers_the_true_difference_of_binned_skewed_durations_about_95_percent_of_the_time()
    {
        var trueDifference = Math.Exp(3.0) - Math.Exp(2.8); // log-normal medians
        var coverage = Coverage.Of(seed: 2002, runs: 600, random =>
        {
            var a = Histogram(Enumerable.Range(0, 300).Select(_ => Math.Exp(3.0 + (0.8 * Normal.Sample(random, 0, 1)))));
            var b = Histogram(Enumerable.Range(0, 250).Select(_ => Math.Exp(2.8 + (0.8 * Normal.Sample(random, 0, 1)))));
            return MedianDifference.Of(a, b, 0.95)!.Value.Contains(trueDifference);
        });
        Assert.InRange(coverage, 0.92, 0.98);
    }

    [Fact]
    public void The_ratio_share_is_the_share_of_the_sums_and_covers_the_true_share_difference()
    {
        var coverage = Coverage.Of(seed: 1977, runs: 2000, random =>
        {
            // Visits of exponential length whose seconds are "happy" with a chance of its own per
            // visit (Beta-like via two uniforms): seconds of one visit go together.
            var a = RatioSums.Of(Visits(random, 150, 0.40));
            var b = RatioSums.Of(Visits(random, 120, 0.30));
            var interval = RatioShareDifference.Of(a, b, 0.95)!.Value;
            Assert.True(interval.Contains((a.SumX / a.SumY) - (b.SumX / b.SumY)));
            return interval.Contains(0.10);
        });
        Assert.InRange(coverage, 0.92, 0.98);
        Assert.Null(RatioShareDifference.Of(RatioSums.Of([(1.0, 2.0)]), RatioSums.Of([(1.0, 2.0), (0.0, 1.0)]), 0.95));
    }

    /// <summary>Visits whose happy share has mean <paramref name="share"/>, independent of their length.</summary>
    private static IEnumerable<(double X, double Y)> Visits(Random random, int count, double share) =>
        Enumerable.Range(0, count).Select(_ =>
        {
            var seconds = -20 * Math.Log(1 - random.NextDouble());
            var happy = Math.Clamp(share + ((random.NextDouble() - 0.5) * 0.8), 0, 1);
            return (seconds * happy, seconds);
        });

    /// <summary>Durations as the rollups keep them: counts in <see cref="DurationHistogram"/>'s bins.</summary>
    internal static BinnedSample Histogram(IEnumerable<double> durations) =>
        Reports.DurationBins.Sample(durations.GroupBy(DurationHistogram.Bin).Select(g => (g.Key, (long)g.Count())));
}
