namespace EdgeEmotion.Daemon.Detection;

/// <summary>A face found in a frame: its box in frame pixels, the detector's confidence, YuNet's
/// five landmarks (null for detectors without them, e.g. Haar) and whether the score reached
/// <c>Detector:ScoreThreshold</c>. A detector asked for low-score faces too (for the tracker)
/// returns them with <see cref="IsHighScore"/> false; everything that counts faces per frame
/// (window <c>counts</c>) must keep only the high-score ones (<see cref="DetectedFaces.HighScore"/>).</summary>
internal readonly record struct DetectedFace(FaceBox Box, float Score, FaceLandmarks? Landmarks = null, bool IsHighScore = true);

internal static class DetectedFaces
{
    /// <summary>The faces at or above <c>Detector:ScoreThreshold</c>, in their original order.</summary>
    public static IReadOnlyList<DetectedFace> HighScore(this IReadOnlyList<DetectedFace> faces)
    {
        var all = true;
        for (var i = 0; i < faces.Count && all; i++)
        {
            all = faces[i].IsHighScore;
        }
        return all ? faces : [.. faces.Where(f => f.IsHighScore)];
    }

    /// <summary>The rows (e.g. emotion probabilities, <paramref name="rowLength"/> values per face,
    /// in face order) of the high-score faces only: what per-frame counts add up.</summary>
    public static float[] HighScoreRows(this IReadOnlyList<DetectedFace> faces, float[] rows, int rowLength)
    {
        if (rows.Length != faces.Count * rowLength)
        {
            throw new ArgumentException($"rows: {rows.Length} values for {faces.Count} faces of {rowLength}.", nameof(rows));
        }
        var high = 0;
        for (var i = 0; i < faces.Count; i++)
        {
            high += faces[i].IsHighScore ? 1 : 0;
        }
        if (high == faces.Count)
        {
            return rows;
        }
        var kept = new float[high * rowLength];
        for (int i = 0, k = 0; i < faces.Count; i++)
        {
            if (faces[i].IsHighScore)
            {
                rows.AsSpan(i * rowLength, rowLength).CopyTo(kept.AsSpan(k++ * rowLength));
            }
        }
        return kept;
    }
}
