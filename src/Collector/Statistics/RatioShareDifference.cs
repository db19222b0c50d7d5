namespace EdgeEmotion.Collector.Statistics;

/// <summary>
/// The difference of two ratio shares R = Σxᵢ / Σyᵢ over independent visits i (an emotion's
/// seconds over all emotion seconds: face-time shares), where the seconds within one visit are
/// not independent and so not binomial. Each share's variance is the linearization (delta method)
/// of the ratio estimator, as in cluster sampling (Cochran, Sampling Techniques, 3rd ed., 1977,
/// §6.4): V(R) = n/(n − 1) · Σ(xᵢ − R·yᵢ)² / (Σyᵢ)², where Σ(xᵢ − R·yᵢ)² = Σxᵢ² − 2R·Σxᵢyᵢ + R²·Σyᵢ²,
/// so the rollups' per-visit sums of squares and cross products suffice; then d ± z·√(V₁ + V₂).
/// </summary>
public static class RatioShareDifference
{
    /// <summary>The share and its variance; null with fewer than two visits or no seconds at all.</summary>
    public static (double Share, double Variance)? Share(RatioSums s)
    {
        if (s.Count < 2 || s.SumY <= 0)
        {
            return null;
        }
        var r = s.SumX / s.SumY;
        var residual = Math.Max(0, s.SumXX - (2 * r * s.SumXY) + (r * r * s.SumYY));
        return (r, s.Count / (s.Count - 1.0) * residual / (s.SumY * s.SumY));
    }

    public static Interval? Of(RatioSums a, RatioSums b, double confidence)
    {
        if (Share(a) is not { } sa || Share(b) is not { } sb)
        {
            return null;
        }
        var d = sa.Share - sb.Share;
        var half = Quantiles.Normal(confidence) * Math.Sqrt(sa.Variance + sb.Variance);
        return new Interval(Math.Max(-1, d - half), Math.Min(1, d + half));
    }
}

/// <summary>Per-visit sums for a ratio share: n visits, Σx, Σy, Σx², Σxy, Σy².</summary>
public readonly record struct RatioSums(long Count, double SumX, double SumY, double SumXX, double SumXY, double SumYY)
{
    public static RatioSums Of(IEnumerable<(double X, double Y)> visits)
    {
        var s = default(RatioSums);
        foreach (var (x, y) in visits)
        {
            s = new RatioSums(s.Count + 1, s.SumX + x, s.SumY + y, s.SumXX + (x * x), s.SumXY + (x * y), s.SumYY + (y * y));
        }
        return s;
    }
}
