using System.Text.Json.Serialization;

namespace EdgeEmotion.Core.Evaluation;

/// <summary>A model's calibration on a split against FER+ plurality labels: before and after its
/// temperature (<c>calibration-{name}.json</c>, written by 'evaluate --votes').</summary>
public sealed record CalibrationReport(
    [property: JsonPropertyName("temperature")] double Temperature,
    [property: JsonPropertyName("before")] CalibrationMetrics Before,
    [property: JsonPropertyName("after")] CalibrationMetrics After);
