using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeEmotion.Training.Calibration;

/// <summary>The temperature fitted for a run's best weights (<c>temperature.json</c> in the run
/// folder), with the held-out figures before and after; 'export' folds it into the graph.</summary>
public sealed record TemperatureFile(
    [property: JsonPropertyName("temperature")] double Temperature,
    [property: JsonPropertyName("held_out_faces")] int HeldOutFaces,
    [property: JsonPropertyName("ece_before")] double EceBefore,
    [property: JsonPropertyName("ece_after")] double EceAfter,
    [property: JsonPropertyName("nll_before")] double NllBefore,
    [property: JsonPropertyName("nll_after")] double NllAfter)
{
    public const string FileName = "temperature.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Save(string runDirectory) =>
        File.WriteAllText(Path.Combine(runDirectory, FileName), JsonSerializer.Serialize(this, Json));

    public static TemperatureFile? Load(string runDirectory)
    {
        var path = Path.Combine(runDirectory, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<TemperatureFile>(File.ReadAllText(path), Json) : null;
    }
}
