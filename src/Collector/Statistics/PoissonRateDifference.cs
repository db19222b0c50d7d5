namespace EdgeEmotion.Collector.Statistics;

/// <summary>
/// Intervals for event rates (events per unit of exposure, here visits per hour a device was on).
/// Each rate's interval is the exact one of Garwood, "Fiducial limits for the Poisson
/// distribution", Biometrika 28 (1936) 437–442 (from chi-squared quantiles); the difference of two
/// rates combines them by the MOVER ("method of variance estimates recovery") of Zou and Donner,
/// "Construction of confidence limits about effect measures: a general approach", Statistics in
/// Medicine 27 (2008) 1693–1702, the same square-and-add Newcombe uses for proportions.
/// Assumes events independent in time; visitors who come in groups make the interval too narrow.
/// </summary>
public static class PoissonRateDifference
{
    /// <summary>Garwood's exact interval for the mean of a Poisson count.</summary>
    public static Interval CountInterval(long count, double confidence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var alpha = 1 - confidence;
        return new Interval(
            count == 0 ? 0 : Quantiles.ChiSquared(alpha / 2, 2 * count) / 2,
            Quantiles.ChiSquared(1 - (alpha / 2), (2 * count) + 2) / 2);
    }

    /// <summary>The interval of a rate: <paramref name="count"/> events in <paramref name="exposure"/>.</summary>
    public static Interval RateInterval(long count, double exposure, double confidence)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exposure);
        var c = CountInterval(count, confidence);
        return new Interval(c.Low / exposure, c.High / exposure);
    }

    public static Interval Of(long countA, double exposureA, long countB, double exposureB, double confidence)
    {
        var ra = countA / exposureA;
        var rb = countB / exposureB;
        var a = RateInterval(countA, exposureA, confidence);
        var b = RateInterval(countB, exposureB, confidence);
        var d = ra - rb;
        return new Interval(
            d - Math.Sqrt(Square(ra - a.Low) + Square(b.High - rb)),
            d + Math.Sqrt(Square(a.High - ra) + Square(rb - b.Low)));
    }

    private static double Square(double x) => x * x;
}
