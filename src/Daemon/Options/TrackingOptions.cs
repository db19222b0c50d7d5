using System.ComponentModel.DataAnnotations;

namespace EdgeEmotion.Daemon.Options;

/// <summary>Section <c>Tracking</c>: following faces from frame to frame (see <c>Tracking/FaceTracker</c>).</summary>
internal sealed class TrackingOptions
{
    public const string Section = "Tracking";

    /// <summary>Frames a track must be seen in before it counts as a visitor.</summary>
    [Range(1, 100)]
    public int MinHits { get; set; } = 3;

    /// <summary>Seconds of frame time unseen after which a track (and its visit) ends.</summary>
    [Range(0.1, 60.0)]
    public double LostSeconds { get; set; } = 2;

    /// <summary>Lowest detector score the tracker receives. Faces between this and
    /// <c>Detector:ScoreThreshold</c> only continue existing tracks (ByteTrack's second pass);
    /// 0.3 keeps a strongly tilted head (0.3-0.7 in most frames of a real clip) while YuNet's
    /// false positives on background mostly stay below it.</summary>
    [Range(0.05, 1.0)]
    public double LowScoreThreshold { get; set; } = 0.3;
}
