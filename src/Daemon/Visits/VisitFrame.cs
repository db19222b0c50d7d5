using EdgeEmotion.Contracts;
using EdgeEmotion.Core.Preprocessing;

namespace EdgeEmotion.Daemon.Visits;

/// <summary>A visitor in the current frame, for the live <c>faces</c> topic: box in frame pixels,
/// its smoothed emotion and that emotion's smoothed probability, and whether it looks at the camera.</summary>
internal readonly record struct LiveFace(int TrackId, FaceBox Box, int Emotion, double Probability, bool Looking)
{
    public string EmotionName => EmotionLabels.Names[Emotion];
}

/// <summary>What one frame produced: visits that ended and are long enough to publish, and the
/// visitors (confirmed tracks) sighted in it.</summary>
internal sealed record VisitFrame(IReadOnlyList<Visit> Finished, IReadOnlyList<LiveFace> Faces);
