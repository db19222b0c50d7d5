namespace EdgeEmotion.Collector.Statistics;

/// <summary>
/// The hybrid score interval for the difference of two independent proportions p₁ − p₂: method 10
/// of Newcombe, "Interval estimation for the difference between independent proportions:
/// comparison of eleven methods", Statistics in Medicine 17 (1998) 873–890. Each proportion's
/// Wilson interval (l, u) is combined by "square and add":
/// L = d − √((p₁ − l₁)² + (u₂ − p₂)²), U = d + √((u₁ − p₁)² + (p₂ − l₂)²).
/// </summary>
public static class NewcombeDifference
{
    public static Interval Of(long successesA, long trialsA, long successesB, long trialsB, double confidence)
    {
        var a = WilsonInterval.Of(successesA, trialsA, confidence);
        var b = WilsonInterval.Of(successesB, trialsB, confidence);
        var pa = (double)successesA / trialsA;
        var pb = (double)successesB / trialsB;
        var d = pa - pb;
        return new Interval(
            Math.Max(-1, d - Math.Sqrt(Square(pa - a.Low) + Square(b.High - pb))),
            Math.Min(1, d + Math.Sqrt(Square(a.High - pa) + Square(pb - b.Low))));
    }

    private static double Square(double x) => x * x;
}
