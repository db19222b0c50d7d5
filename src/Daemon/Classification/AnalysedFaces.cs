using EdgeEmotion.Daemon.Detection;

namespace EdgeEmotion.Daemon.Classification;

/// <summary>A frame's faces with one probability row each ([faces, 7]); faces whose row is not
/// valid probabilities (a broken model's NaN) are left out and counted in <see cref="Invalid"/>.</summary>
internal sealed record AnalysedFaces(IReadOnlyList<DetectedFace> Faces, float[] Probabilities, int Invalid)
{
    public static AnalysedFaces KeepValid(IReadOnlyList<DetectedFace> faces, float[] probabilities)
    {
        var k = EmotionLabels.Count;
        if (ProbabilityRows.IsValid(probabilities) && probabilities.Length == faces.Count * k)
        {
            return new AnalysedFaces(faces, probabilities, 0);
        }
        var keptFaces = new List<DetectedFace>(faces.Count);
        var keptRows = new List<float>(probabilities.Length);
        for (var i = 0; i < faces.Count; i++)
        {
            var row = probabilities.AsSpan(i * k, k);
            if (ProbabilityRows.IsValid(row))
            {
                keptFaces.Add(faces[i]);
                keptRows.AddRange(row);
            }
        }
        return new AnalysedFaces(keptFaces, [.. keptRows], faces.Count - keptFaces.Count);
    }

    /// <summary>The rows of the faces at or above <c>Detector:ScoreThreshold</c> (what window counts count).</summary>
    public float[] HighScoreProbabilities() => Faces.HighScoreRows(Probabilities, EmotionLabels.Count);
}
