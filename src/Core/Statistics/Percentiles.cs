namespace EdgeEmotion.Core.Statistics;

/// <summary>Nearest-rank percentiles of timings and memory readings: the value at position
/// floor(p × n) of the sorted values, so the median of an even count is the upper middle one.</summary>
public static class Percentiles
{
    /// <param name="p">0 to 1.</param>
    /// <returns>0 for no values.</returns>
    public static double Of(ReadOnlySpan<double> values, double p)
    {
        if (values.IsEmpty)
        {
            return 0;
        }
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];
    }

    public static double Median(ReadOnlySpan<double> values) => Of(values, 0.5);
}
