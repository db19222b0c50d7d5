namespace EdgeEmotion.Collector.Tests.Statistics;

/// <summary>Coverage by simulation, as each interval's test measures it: the share of simulated
/// samples, drawn one after another from one seeded generator, whose interval holds the true value.</summary>
internal static class Coverage
{
    public static double Of(int seed, int runs, Func<Random, bool> holdsTheTrueValue)
    {
        var random = new Random(seed);
        var covered = 0;
        for (var i = 0; i < runs; i++)
        {
            covered += holdsTheTrueValue(random) ? 1 : 0;
        }
        return covered / (double)runs;
    }
}
