using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeEmotion.Core.IO;

namespace EdgeEmotion.Training;

/// <summary>One epoch's numbers.</summary>
public sealed record EpochRecord(
    [property: JsonPropertyName("epoch")] int Epoch,
    [property: JsonPropertyName("train_loss")] double TrainLoss,
    [property: JsonPropertyName("train_accuracy")] double TrainAccuracy,
    [property: JsonPropertyName("val_loss")] double ValLoss,
    [property: JsonPropertyName("val_accuracy")] double ValAccuracy,
    [property: JsonPropertyName("learning_rate")] double LearningRate,
    [property: JsonPropertyName("seconds")] double Seconds);

/// <summary>A run's progress, written after every epoch beside the checkpoints (<c>state.json</c>).</summary>
public sealed class TrainingState
{
    public const string FileName = "state.json";

    [JsonPropertyName("options")] public required TrainOptions Options { get; init; }
    [JsonPropertyName("history")] public List<EpochRecord> History { get; init; } = [];
    [JsonPropertyName("best_epoch")] public int BestEpoch { get; set; }
    [JsonPropertyName("best_val_accuracy")] public double BestValAccuracy { get; set; }
    [JsonPropertyName("parameters")] public long Parameters { get; set; }
    [JsonPropertyName("multiply_adds")] public long MultiplyAdds { get; set; }
    [JsonPropertyName("train_images")] public int TrainImages { get; set; }
    [JsonPropertyName("val_images")] public int ValImages { get; set; }
    [JsonPropertyName("stopped_early")] public bool StoppedEarly { get; set; }
    [JsonPropertyName("finished")] public bool Finished { get; set; }

    public double WallSeconds => History.Sum(h => h.Seconds);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Save(string directory)
    {
        var path = Path.Combine(directory, FileName);
        DurableFile.Write(path, JsonSerializer.SerializeToUtf8Bytes(this, Json), overwrite: true);
    }

    /// <summary>Reads <c>state.json</c> from a run folder, or a copy of it given as a file path.</summary>
    public static TrainingState? Load(string directoryOrFile) => RunFiles.ReadFromRun<TrainingState>(directoryOrFile, FileName, Json);
}
