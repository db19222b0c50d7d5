using System.ComponentModel.DataAnnotations;

namespace EdgeEmotion.Daemon.Options;

/// <summary>Section <c>People</c>: the person stage (bodies found a few times a second, tracked,
/// faces attached to them; see <c>People/PersonStage</c> and <c>Visits/PeopleTracking</c>).</summary>
internal sealed class PeopleOptions
{
    public const string Section = "People";

    /// <summary>Off: visits are face tracks, as before the person stage.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Person detections per second of frame time; the face path keeps the source's rate.</summary>
    [Range(0.1, 30.0)]
    public double Fps { get; set; } = 3;

    /// <summary>The person detector (NanoDet-m 416, ONNX).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Model { get; set; } = "models/nanodet-m-416.onnx";

    /// <summary>Lowest score of a box that starts a person's track; boxes from
    /// <c>Tracking:LowScoreThreshold</c> up only continue one. 0.4: at 0.35 boxes spanning two
    /// shoppers of the store aisle, or its shelf, start tracks of their own (bench
    /// <c>people-tracks</c>, BodyTrackingTests).</summary>
    public const double DefaultMinScore = 0.4;

    /// <inheritdoc cref="DefaultMinScore"/>
    [Range(0.05, 1.0)]
    public double MinScore { get; set; } = DefaultMinScore;
}
