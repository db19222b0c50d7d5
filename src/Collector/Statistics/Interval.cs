namespace EdgeEmotion.Collector.Statistics;

/// <summary>A two-sided confidence interval [Low, High].</summary>
public readonly record struct Interval(double Low, double High)
{
    public bool Contains(double value) => Low <= value && value <= High;
}
