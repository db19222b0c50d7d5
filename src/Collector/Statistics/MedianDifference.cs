namespace EdgeEmotion.Collector.Statistics;

/// <summary>
/// A distribution-free interval for the difference of two medians, from each sample's order
/// statistics alone (so from the rollups' histograms, without raw visits): Price and Bonett,
/// "Distribution-free confidence intervals for difference and ratio of medians", Journal of
/// Statistical Computation and Simulation 72 (2002) 119–124, with each median's standard error as
/// McKean and Schrader, "A comparison of methods for studentizing the sample median",
/// Communications in Statistics – Simulation and Computation 13 (1984) 751–773, give it:
/// SE = (Y₍ₙ₋꜀₊₁₎ − Y₍꜀₎) / (2z), c = round((n + 1)/2 − z·√(n/4)); then d ± z·√(SE₁² + SE₂²).
/// Chosen over a bootstrap: it needs a few order statistics, not thousands of resamples of
/// samples a million visits large, and gives the same answer every time without a seed.
/// </summary>
public static class MedianDifference
{
    /// <summary>McKean–Schrader's standard error of the median; null when the sample is too
    /// small for c ≥ 1 (fewer than four values at 95 %).</summary>
    public static double? StandardError(BinnedSample sample, double confidence)
    {
        var z = Quantiles.Normal(confidence);
        var n = sample.Count;
        if (n == 0)
        {
            return null;
        }
        var c = (long)Math.Round(((n + 1) / 2.0) - (z * Math.Sqrt(n / 4.0)), MidpointRounding.AwayFromZero);
        if (c < 1)
        {
            return null;
        }
        return (sample.OrderStatistic(n - c + 1) - sample.OrderStatistic(c)) / (2 * z);
    }

    /// <returns>Null when either sample is too small for a standard error.</returns>
    public static Interval? Of(BinnedSample a, BinnedSample b, double confidence)
    {
        if (StandardError(a, confidence) is not { } sa || StandardError(b, confidence) is not { } sb)
        {
            return null;
        }
        var d = a.Median!.Value - b.Median!.Value;
        var half = Quantiles.Normal(confidence) * Math.Sqrt((sa * sa) + (sb * sb));
        return new Interval(d - half, d + half);
    }
}
