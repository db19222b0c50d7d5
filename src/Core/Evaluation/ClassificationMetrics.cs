using System.Text.Json.Serialization;

namespace EdgeEmotion.Core.Evaluation;

/// <summary>Accuracy, per-class recall/precision/F1, macro-F1 and the confusion matrix
/// (rows = true class, columns = predicted class) of a set of predictions.</summary>
public sealed class ClassificationMetrics
{
    [JsonPropertyName("samples")] public int Samples { get; init; }
    [JsonPropertyName("accuracy")] public double Accuracy { get; init; }
    [JsonPropertyName("macro_f1")] public double MacroF1 { get; init; }
    [JsonPropertyName("labels")] public IReadOnlyList<string> Labels { get; init; } = EmotionLabels.Names;
    [JsonPropertyName("recall")] public double[] Recall { get; init; } = [];
    [JsonPropertyName("precision")] public double[] Precision { get; init; } = [];
    [JsonPropertyName("f1")] public double[] F1 { get; init; } = [];
    [JsonPropertyName("confusion")] public int[][] Confusion { get; init; } = [];

    public static ClassificationMetrics From(IReadOnlyList<byte> truth, IReadOnlyList<int> predicted)
    {
        if (truth.Count != predicted.Count || truth.Count == 0)
        {
            throw new ArgumentException("Need the same, non-zero number of labels and predictions.");
        }
        var k = EmotionLabels.Count;
        var confusion = Enumerable.Range(0, k).Select(_ => new int[k]).ToArray();
        for (var i = 0; i < truth.Count; i++)
        {
            confusion[truth[i]][predicted[i]]++;
        }
        var recall = new double[k];
        var precision = new double[k];
        var f1 = new double[k];
        var correct = 0;
        for (var c = 0; c < k; c++)
        {
            var tp = confusion[c][c];
            correct += tp;
            var actual = confusion[c].Sum();
            var called = confusion.Sum(row => row[c]);
            recall[c] = actual == 0 ? 0 : (double)tp / actual;
            precision[c] = called == 0 ? 0 : (double)tp / called;
            f1[c] = recall[c] + precision[c] == 0 ? 0 : 2 * recall[c] * precision[c] / (recall[c] + precision[c]);
        }
        return new ClassificationMetrics
        {
            Samples = truth.Count,
            Accuracy = (double)correct / truth.Count,
            MacroF1 = f1.Average(),
            Recall = recall,
            Precision = precision,
            F1 = f1,
            Confusion = confusion,
        };
    }
}
