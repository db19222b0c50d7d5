namespace EdgeEmotion.Collector.Statistics;

/// <summary>A sample known by its count, sum and sum of squares (what the hourly rollups keep):
/// enough for its mean and variance, which is what Welch's interval needs.</summary>
public readonly record struct Moments(long Count, double Sum, double SumOfSquares)
{
    public double Mean => Sum / Count;

    /// <summary>The sample variance (n − 1 in the denominator); never below 0, which the
    /// subtraction of two large sums can give by rounding.</summary>
    public double Variance => Count < 2 ? double.NaN : Math.Max(0, (SumOfSquares - (Sum * Sum / Count)) / (Count - 1));

    public static Moments Of(IEnumerable<double> values)
    {
        long n = 0;
        double sum = 0, squares = 0;
        foreach (var x in values)
        {
            n++;
            sum += x;
            squares += x * x;
        }
        return new Moments(n, sum, squares);
    }
}
