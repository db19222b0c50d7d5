using System.Text.Json.Serialization;

namespace EdgeEmotion.Training;

/// <summary>Everything that decides a training run; stored with its checkpoints so that
/// <c>--resume</c> continues the same run.</summary>
public sealed record TrainOptions
{
    [JsonPropertyName("data")] public required string Data { get; init; }
    /// <summary>FER+ votes (a folder with train-votes.tsv and test-votes.tsv, or fer2013new.csv):
    /// train on the vote shares and validate on a held-out part of the training split. Without
    /// it, FER2013's own labels train and PublicTest validates.</summary>
    [JsonPropertyName("votes")] public string? Votes { get; init; }
    /// <summary>Share of the training split held out (seeded) for validation and for fitting
    /// the temperature; used with <see cref="Votes"/>.</summary>
    [JsonPropertyName("holdout")] public double Holdout { get; init; } = 0.1;
    [JsonPropertyName("epochs")] public int Epochs { get; init; } = 40;
    [JsonPropertyName("batch_size")] public int BatchSize { get; init; } = 64;
    [JsonPropertyName("learning_rate")] public double LearningRate { get; init; } = 2e-3;
    [JsonPropertyName("warmup_epochs")] public int WarmupEpochs { get; init; } = 2;
    /// <summary>L2 penalty through Adam's weight_decay, as the reference's kernel_regularizer.</summary>
    [JsonPropertyName("weight_decay")] public double WeightDecay { get; init; } = 1e-4;
    [JsonPropertyName("label_smoothing")] public double LabelSmoothing { get; init; } = 0.1;
    /// <summary>Class weights are (n_max / n_class)^power: 0 = none, 0.5 = inverse square root.</summary>
    [JsonPropertyName("class_weight_power")] public double ClassWeightPower { get; init; } = 0.5;
    [JsonPropertyName("patience")] public int Patience { get; init; } = 12;
    [JsonPropertyName("seed")] public int Seed { get; init; } = 1;
    /// <summary>Take at most this many faces per class from each split (quick runs, tests); 0 = all.</summary>
    [JsonPropertyName("limit_per_class")] public int LimitPerClass { get; init; }
    [JsonPropertyName("augment")] public bool Augment { get; init; } = true;
    /// <summary>Probability of erasing a random rectangle of each training face (Zhong et al., 2020).</summary>
    [JsonPropertyName("random_erasing")] public double RandomErasing { get; init; }
    [JsonPropertyName("shape")] public NetworkShape Shape { get; init; } = NetworkShape.Default;
}
