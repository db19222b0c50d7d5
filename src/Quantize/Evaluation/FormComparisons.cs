using System.Text.Json.Serialization;

namespace EdgeEmotion.Quantize.Evaluation;

/// <summary>What <c>evaluate</c> measured: float against each int8 form on one CPU (a form's
/// numbers depend on the CPU: u8s8 saturates on x86 without VNNI).</summary>
public sealed class FormComparisons
{
    [JsonPropertyName("cpu")] public required string Cpu { get; init; }
    /// <summary>The form the rule picks on that CPU, e.g. "u8s8".</summary>
    [JsonPropertyName("chosen")] public required string Chosen { get; init; }
    [JsonPropertyName("chosen_because")] public required string ChosenBecause { get; init; }
    /// <summary>Whether every form gave bit-identical probabilities on every face.</summary>
    [JsonPropertyName("forms_identical")] public required bool FormsIdentical { get; init; }
    /// <summary>By form name ("u8s8", "u8u8").</summary>
    [JsonPropertyName("forms")] public required Dictionary<string, Comparison> Forms { get; init; }

    [JsonIgnore] public Comparison ChosenComparison => Forms[Chosen];
}
