using EdgeEmotion.Core.Labels;

namespace EdgeEmotion.Daemon.Visits;

/// <summary>The classifier's output as the visit books read it: rows of
/// <see cref="EmotionLabels.Count"/> probabilities, row i for detection i of the list the tracker
/// was given.</summary>
internal static class FaceProbabilities
{
    /// <summary>Detection <paramref name="detectionIndex"/>'s row; every tracked detection needs one.</summary>
    public static ReadOnlySpan<float> RowOf(ReadOnlySpan<float> probabilities, int detectionIndex)
    {
        var k = EmotionLabels.Count;
        if ((detectionIndex + 1) * k > probabilities.Length)
        {
            throw new ArgumentException($"probabilities: {probabilities.Length / k} rows, detection {detectionIndex} has none.", nameof(probabilities));
        }
        return probabilities.Slice(detectionIndex * k, k);
    }
}
