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

    /// <summary>Training faces without emotion votes, left out of training (recorded here because
    /// calibration reads the data again).</summary>
    [JsonPropertyName("left_out_faces")] public int LeftOutFaces { get; init; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Save(string runDirectory) =>
        File.WriteAllText(Path.Combine(runDirectory, FileName), JsonSerializer.Serialize(this, Json));

    /// <summary>Reads <c>temperature.json</c> from a run folder, or a copy given as a file path.</summary>
    public static TemperatureFile? Load(string runDirectoryOrFile) => RunFiles.ReadFromRun<TemperatureFile>(runDirectoryOrFile, FileName, Json);
}
