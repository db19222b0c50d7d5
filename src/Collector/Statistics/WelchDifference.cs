namespace EdgeEmotion.Collector.Statistics;

/// <summary>
/// Welch's interval for the difference of two means with unequal variances (Welch, "The
/// generalization of Student's problem when several different population variances are
/// involved", Biometrika 34 (1947) 28–35): d ± t(ν)·√(s₁²/n₁ + s₂²/n₂), with the
/// Welch–Satterthwaite degrees of freedom ν. Durations are skewed, but with the tens of visits
/// and more a comparison has, the means' sampling distribution is close to normal.
/// </summary>
public static class WelchDifference
{
    /// <returns>Null when either sample has fewer than two values (no variance).</returns>
    public static WelchResult? Of(Moments a, Moments b, double confidence)
    {
        if (a.Count < 2 || b.Count < 2)
        {
            return null;
        }
        var d = a.Mean - b.Mean;
        var va = a.Variance / a.Count;
        var vb = b.Variance / b.Count;
        var se = Math.Sqrt(va + vb);
        if (se == 0)
        {
            return new WelchResult(d, double.PositiveInfinity, new Interval(d, d));
        }
        var df = (va + vb) * (va + vb) / ((va * va / (a.Count - 1)) + (vb * vb / (b.Count - 1)));
        var t = Quantiles.StudentT(confidence, df);
        return new WelchResult(d, df, new Interval(d - (t * se), d + (t * se)));
    }
}

/// <summary>The difference of the means, the Welch–Satterthwaite degrees of freedom and the interval.</summary>
public sealed record WelchResult(double Difference, double DegreesOfFreedom, Interval Interval);
