using System.Text.Json.Serialization;
using EdgeEmotion.Core.Evaluation;

namespace EdgeEmotion.Quantize.Evaluation;

/// <summary>Float and int8 models on the same faces: each one's metrics, how often their
/// argmax agrees and the largest probability difference.</summary>
public sealed class Comparison
{
    [JsonPropertyName("float")] public required ClassificationMetrics FloatModel { get; init; }
    [JsonPropertyName("int8")] public required ClassificationMetrics Int8Model { get; init; }
    /// <summary>What the faces were measured against, e.g. "PublicTest, FER+ plurality labels".</summary>
    [JsonPropertyName("measured_on")] public string MeasuredOn { get; set; } = "PublicTest";
    [JsonPropertyName("argmax_agreement")] public double ArgmaxAgreement { get; init; }
    [JsonPropertyName("max_probability_difference")] public double MaxProbabilityDifference { get; init; }
    [JsonPropertyName("accuracy_drop_points")] public double AccuracyDropPoints => (FloatModel.Accuracy - Int8Model.Accuracy) * 100;

    public static Comparison Run(EmotionModel floatModel, EmotionModel int8Model, FaceTensors faces) =>
        Of(ModelEvaluator.Predict(floatModel, faces), ModelEvaluator.Predict(int8Model, faces), faces.Labels);

    /// <summary>From both models' probabilities [faces, 7] (float's computed once for several int8 forms).</summary>
    public static Comparison Of(float[] pf, float[] pq, IReadOnlyList<byte> labels)
    {
        var af = ModelEvaluator.ArgMax(pf);
        var aq = ModelEvaluator.ArgMax(pq);
        var maxDiff = 0.0;
        for (var i = 0; i < pf.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(pf[i] - pq[i]));
        }
        return new Comparison
        {
            FloatModel = ClassificationMetrics.From(labels, af),
            Int8Model = ClassificationMetrics.From(labels, aq),
            ArgmaxAgreement = (double)af.Zip(aq).Count(p => p.First == p.Second) / af.Length,
            MaxProbabilityDifference = maxDiff,
        };
    }
}
