using EdgeEmotion.Core.Preprocessing;

namespace EdgeEmotion.Daemon.Detection;

/// <summary>A face found in a frame: its box in frame pixels, the detector's confidence, YuNet's
/// five landmarks (null for detectors without them, e.g. Haar) and whether the score reached
/// <c>Detector:ScoreThreshold</c>. A detector asked for low-score faces too (for the tracker)
/// returns them with <see cref="IsHighScore"/> false; everything that counts faces per frame
/// (window <c>counts</c>) must keep only the high-score ones (<see cref="DetectedFaces.HighScore"/>).</summary>
public readonly record struct DetectedFace(FaceBox Box, float Score, FaceLandmarks? Landmarks = null, bool IsHighScore = true);

public static class DetectedFaces
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
}
