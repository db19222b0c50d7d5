using EdgeEmotion.Collector.Statistics;

namespace EdgeEmotion.Collector.Tests.Statistics;

/// <summary>Welch's interval for means and the Poisson rate intervals against published figures,
/// and their coverage by simulation.</summary>
public sealed class MeanAndRateIntervalTests
{
    // The worked example of the Welch's t-test article of the English Wikipedia (example 1):
    // Welch t = −2.46, ν = 24.99, p = 0.021.
    private static readonly double[] A1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
    private static readonly double[] A2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];

    [Fact]
    public void Welch_matches_the_published_example()
    {
        var result = WelchDifference.Of(Moments.Of(A1), Moments.Of(A2), 0.95)!;
        Assert.Equal(24.99, result.DegreesOfFreedom, 0.005);
        var se = (result.Interval.High - result.Interval.Low) / 2 / Quantiles.StudentT(0.95, result.DegreesOfFreedom);
        Assert.Equal(-2.46, result.Difference / se, 0.005);
        Assert.False(result.Interval.Contains(0)); // p = 0.021 < 0.05
        // At confidence 1 − p the interval's end touches zero.
        var atP = WelchDifference.Of(Moments.Of(A1), Moments.Of(A2), 1 - 0.021)!.Interval;
        Assert.Equal(0, atP.High, 0.01);
    }

    [Fact]
    public void Moments_give_the_sample_mean_and_variance()
    {
        var m = Moments.Of(A1);
        Assert.Equal(A1.Average(), m.Mean, 1e-12);
        Assert.Equal(A1.Sum(x => (x - A1.Average()) * (x - A1.Average())) / (A1.Length - 1), m.Variance, 1e-9);
        Assert.Null(WelchDifference.Of(Moments.Of([1.0]), m, 0.95));
    }

    [Fact]
    public void Welch_covers_the_true_difference_of_skewed_durations_about_95_percent_of_the_time()
    {
        var coverage = Coverage.Of(seed: 1947, runs: 3000, random =>
        {
            // Exponential dwell times, means 20 s and 30 s, 200 and 150 visits.
            var a = Moments.Of(Enumerable.Range(0, 200).Select(_ => -20 * Math.Log(1 - random.NextDouble())));
            var b = Moments.Of(Enumerable.Range(0, 150).Select(_ => -30 * Math.Log(1 - random.NextDouble())));
            return WelchDifference.Of(a, b, 0.95)!.Interval.Contains(-10);
        });
        Assert.InRange(coverage, 0.93, 0.97);
    }

    /// <summary>Exact (Garwood) 95 % limits of a Poisson count as standard tables give them (e.g.
    /// Documenta Geigy Scientific Tables; Sahai and Khurshid, Statistics in Medicine 12 (1993) 1083).</summary>
    [Theory]
    [InlineData(0, 0.0, 3.6889)]
    [InlineData(1, 0.0253, 5.5716)]
    [InlineData(5, 1.6235, 11.6683)]
    [InlineData(10, 4.7954, 18.3904)]
    public void Garwood_matches_the_exact_poisson_tables(long count, double low, double high)
    {
        var interval = PoissonRateDifference.CountInterval(count, 0.95);
        Assert.Equal(low, interval.Low, 0.00005);
        Assert.Equal(high, interval.High, 0.00005);
    }

    [Fact]
    public void The_rate_difference_covers_the_true_difference_and_is_per_unit_of_exposure()
    {
        var coverage = Coverage.Of(seed: 2008, runs: 3000, random =>
        {
            // 40 visits an hour over 10 hours against 30 an hour over 7.5 hours.
            var a = Poisson(random, 400);
            var b = Poisson(random, 225);
            var interval = PoissonRateDifference.Of(a, 10, b, 7.5, 0.95);
            Assert.True(interval.Contains((a / 10.0) - (b / 7.5)));
            return interval.Contains(10);
        });
        Assert.InRange(coverage, 0.93, 0.97);
        // The same counts over twice the exposure: half the rates, half the interval.
        var once = PoissonRateDifference.Of(100, 1, 80, 1, 0.95);
        var twice = PoissonRateDifference.Of(100, 2, 80, 2, 0.95);
        Assert.Equal(once.Low / 2, twice.Low, 1e-9);
    }

    /// <summary>Knuth's multiplication method, in steps so that e^−λ does not underflow.</summary>
    internal static long Poisson(Random random, double mean)
    {
        long count = 0;
        for (var left = mean; left > 0; left -= 50)
        {
            var limit = Math.Exp(-Math.Min(50, left));
            for (var product = random.NextDouble(); product > limit; product *= random.NextDouble())
            {
                count++;
            }
        }
        return count;
    }
}
