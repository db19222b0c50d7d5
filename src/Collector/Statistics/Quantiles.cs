using MathNet.Numerics.Distributions;

namespace EdgeEmotion.Collector.Statistics;

/// <summary>The quantiles a two-sided interval of a given confidence needs, from MathNet.Numerics.</summary>
public static class Quantiles
{
    /// <summary>z such that P(−z &lt; Z &lt; z) = <paramref name="confidence"/> (1.959964 for 0.95).</summary>
    public static double Normal(double confidence) => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, Upper(confidence));

    /// <summary>t such that P(−t &lt; T &lt; t) = <paramref name="confidence"/> with <paramref name="degreesOfFreedom"/> (not necessarily whole).</summary>
    public static double StudentT(double confidence, double degreesOfFreedom) =>
        MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, degreesOfFreedom, Upper(confidence));

    /// <summary>The chi-squared quantile at <paramref name="probability"/> with <paramref name="degreesOfFreedom"/>.</summary>
    public static double ChiSquared(double probability, double degreesOfFreedom) =>
        MathNet.Numerics.Distributions.ChiSquared.InvCDF(degreesOfFreedom, probability);

    /// <summary>The upper tail's cumulative probability: 0.975 for 0.95.</summary>
    public static double Upper(double confidence) =>
        confidence is > 0 and < 1 ? 1 - ((1 - confidence) / 2) : throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "a confidence is between 0 and 1");
}
