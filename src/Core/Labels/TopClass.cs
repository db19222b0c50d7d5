using System.Numerics;

namespace EdgeEmotion.Core.Labels;

/// <summary>The class a row of probabilities (or vote shares, or scores) picks: the index of the
/// largest value, the first on ties (label order). The one argmax of training, evaluation and
/// the daemon, so a tie is broken the same way everywhere.</summary>
public static class TopClass
{
    public static int Of<T>(ReadOnlySpan<T> row) where T : INumber<T>
    {
        var best = 0;
        for (var i = 1; i < row.Length; i++)
        {
            if (row[i] > row[best])
            {
                best = i;
            }
        }
        return best;
    }
}
