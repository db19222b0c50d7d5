using EdgeEmotion.Collector.Statistics;

namespace EdgeEmotion.Collector.Tests.Statistics;

/// <summary>Wilson's and Newcombe's intervals against the worked examples Newcombe published, and
/// the properties any such interval must have.</summary>
public sealed class ProportionIntervalTests
{
    /// <summary>Newcombe, "Two-sided confidence intervals for the single proportion: comparison of
    /// seven methods", Statistics in Medicine 17 (1998) 857–872, Table I, method 3 (score, no
    /// continuity correction), to the paper's four decimals.</summary>
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    [InlineData(29, 29, 0.8830, 1.0000)]
    public void Wilson_matches_Newcombe_1998_table_I(long successes, long trials, double low, double high)
    {
        var interval = WilsonInterval.Of(successes, trials, 0.95);
        Assert.Equal(low, interval.Low, 0.00005);
        Assert.Equal(high, interval.High, 0.00005);
    }

    /// <summary>Newcombe, "Interval estimation for the difference between independent proportions:
    /// comparison of eleven methods", Statistics in Medicine 17 (1998) 873–890, Table II, method 10
    /// (hybrid score, no continuity correction): examples (a), (b), (d), (e) and (g).</summary>
    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)]
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926)]
    [InlineData(0, 10, 0, 20, -0.1611, 0.2775)]
    [InlineData(10, 10, 0, 20, 0.6791, 1.0000)]
    public void Newcombe_matches_Newcombe_1998_table_II_method_10(long a, long na, long b, long nb, double low, double high)
    {
        var interval = NewcombeDifference.Of(a, na, b, nb, 0.95);
        Assert.Equal(low, interval.Low, 0.00005);
        Assert.Equal(high, interval.High, 0.00005);
    }

    [Fact]
    public void Every_interval_holds_its_estimate_stays_in_range_and_widens_with_confidence()
    {
        var random = new Random(27);
        for (var i = 0; i < 2000; i++)
        {
            var (na, nb) = (random.Next(1, 400), random.Next(1, 400));
            var (a, b) = (random.Next(0, na + 1), random.Next(0, nb + 1));
            var wilson = WilsonInterval.Of(a, na, 0.95);
            Assert.True(wilson.Low >= 0 && wilson.High <= 1 && wilson.Contains((double)a / na), $"{a}/{na}: {wilson}");
            var difference = NewcombeDifference.Of(a, na, b, nb, 0.95);
            Assert.True(difference.Low >= -1 && difference.High <= 1 && difference.Contains(((double)a / na) - ((double)b / nb)), $"{a}/{na} - {b}/{nb}: {difference}");
            var wider = NewcombeDifference.Of(a, na, b, nb, 0.99);
            Assert.True(wider.Low <= difference.Low && wider.High >= difference.High);
            // Swapping the two is the same interval mirrored.
            var swapped = NewcombeDifference.Of(b, nb, a, na, 0.95);
            Assert.Equal(-difference.High, swapped.Low, 1e-12);
            Assert.Equal(-difference.Low, swapped.High, 1e-12);
        }
    }

    [Fact]
    public void Same_shares_are_within_noise_more_data_narrows_the_interval()
    {
        var small = NewcombeDifference.Of(31, 100, 31, 100, 0.95);
        var large = NewcombeDifference.Of(3100, 10_000, 3100, 10_000, 0.95);
        Assert.True(small.Contains(0) && large.Contains(0));
        Assert.True(large.High - large.Low < (small.High - small.Low) / 5);
        // The kiosk owner: "happy" 31 % against 36 % on 40 visits is noise.
        Assert.True(NewcombeDifference.Of(14, 40, 12, 40, 0.95).Contains(0));
    }

    /// <summary>Coverage by simulation: the 95 % interval holds the true difference in about 95 % of
    /// samples (Newcombe's method 10 is known to be close to nominal, a little conservative).</summary>
    [Fact]
    public void The_difference_interval_covers_the_true_difference_about_95_percent_of_the_time()
    {
        var coverage = Coverage.Of(seed: 1998, runs: 4000, random =>
        {
            var a = Binomial(random, 120, 0.31);
            var b = Binomial(random, 90, 0.22);
            return NewcombeDifference.Of(a, 120, b, 90, 0.95).Contains(0.31 - 0.22);
        });
        Assert.InRange(coverage, 0.93, 0.97);
    }

    internal static long Binomial(Random random, int n, double p) => Enumerable.Range(0, n).Count(_ => random.NextDouble() < p);
}
