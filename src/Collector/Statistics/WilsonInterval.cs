namespace EdgeEmotion.Collector.Statistics;

/// <summary>
/// Wilson's score interval for a single proportion (Wilson 1927), without continuity correction:
/// method 3 of Newcombe, "Two-sided confidence intervals for the single proportion: comparison of
/// seven methods", Statistics in Medicine 17 (1998) 857–872. Unlike the Wald interval it stays in
/// [0, 1] and does not collapse to a point at 0 or n successes.
/// </summary>
public static class WilsonInterval
{
    public static Interval Of(long successes, long trials, double confidence)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        var z = Quantiles.Normal(confidence);
        var n = (double)trials;
        var p = successes / n;
        var z2 = z * z;
        var centre = p + (z2 / (2 * n));
        var spread = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        var scale = 1 + (z2 / n);
        // At 0 or n successes the formula's bound is exactly p; rounding must not push it past.
        return new Interval(
            successes == 0 ? 0 : Math.Max(0, (centre - spread) / scale),
            successes == trials ? 1 : Math.Min(1, (centre + spread) / scale));
    }
}
