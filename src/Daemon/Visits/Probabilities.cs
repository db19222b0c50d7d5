namespace EdgeEmotion.Daemon.Visits;

internal static class Probabilities
{
    /// <summary>Index of the largest value; the first on ties (label order).</summary>
    public static int ArgMax(ReadOnlySpan<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }
        return best;
    }
}
