namespace EdgeEmotion.Daemon.Visits;

/// <summary>A visitor in the current frame, for the live <c>faces</c> topic: box in frame pixels,
/// its smoothed emotion and that emotion's smoothed probability, and whether it looks at the camera.</summary>
internal readonly record struct LiveFace(int TrackId, FaceBox Box, int Emotion, double Probability, bool Looking)
{
    public string EmotionName => EmotionLabels.Names[Emotion];
}

/// <summary>A person (confirmed body track) at the person stage's last run, for the live <c>faces</c>
/// topic: box in frame pixels, so an installer can aim the camera.</summary>
internal readonly record struct LivePerson(int TrackId, FaceBox Box);

/// <summary>What one frame produced: visits that ended and are long enough to publish, and the
/// visitors (confirmed tracks) sighted in it; with the person stage, the people too.</summary>
internal sealed record VisitFrame(IReadOnlyList<Visit> Finished, IReadOnlyList<LiveFace> Faces)
{
    /// <summary>Null with the person stage off.</summary>
    public IReadOnlyList<LivePerson>? People { get; init; }
}
