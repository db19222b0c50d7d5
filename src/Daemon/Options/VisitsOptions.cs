using System.ComponentModel.DataAnnotations;

namespace EdgeEmotion.Daemon.Options;

/// <summary>Section <c>Visits</c>: what a visit reports (see <c>Visits/VisitBook</c>).</summary>
internal sealed class VisitsOptions
{
    public const string Section = "Visits";

    /// <summary>Visits shorter than this (seconds, first to last sighting) are counted, not published.</summary>
    [Range(0.0, 3600.0)]
    public double MinDwellSeconds { get; set; } = 1;

    /// <summary>Largest head yaw (degrees either way) that still counts as looking at the camera.</summary>
    [Range(1.0, 90.0)]
    public double AttentionYawDegrees { get; set; } = 30;

    /// <summary>Seconds over which the visitor's emotion is smoothed for <c>emotion_seconds</c>.</summary>
    [Range(0.0, 60.0)]
    public double SmoothingSeconds { get; set; } = 1;

    /// <summary>Seconds of attention that make a visitor a watcher (<c>looked</c>).</summary>
    [Range(0.0, 3600.0)]
    public double WatcherSeconds { get; set; } = 1;
}
