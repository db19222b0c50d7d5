using System.Text.Json.Serialization;
using EdgeEmotion.Core.Labels;

namespace EdgeEmotion.Core.Evaluation;

/// <summary>How far top-class confidence is from being right that often: expected calibration
/// error over equal-width confidence bins (Guo et al., ICML 2017) and the bins themselves, for
/// a reliability diagram.</summary>
public sealed class CalibrationMetrics
{
    public const int DefaultBins = 15;

    [JsonPropertyName("samples")] public int Samples { get; init; }
    [JsonPropertyName("expected_calibration_error")] public double ExpectedCalibrationError { get; init; }
    /// <summary>Mean negative log-likelihood of the true class.</summary>
    [JsonPropertyName("negative_log_likelihood")] public double NegativeLogLikelihood { get; init; }
    [JsonPropertyName("bins")] public CalibrationBin[] Bins { get; init; } = [];

    public static CalibrationMetrics From(ReadOnlySpan<float> probabilities, IReadOnlyList<byte> truth, int binCount = DefaultBins)
    {
        var k = EmotionLabels.Count;
        if (truth.Count == 0 || probabilities.Length != truth.Count * k)
        {
            throw new ArgumentException($"Need {k} probabilities for each of a non-zero number of faces.");
        }
        var counts = new int[binCount];
        var confidence = new double[binCount];
        var correct = new int[binCount];
        double nll = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            var row = probabilities.Slice(i * k, k);
            var top = TopClass.Of(row);
            var bin = Math.Min(binCount - 1, (int)(row[top] * binCount));
            counts[bin]++;
            confidence[bin] += row[top];
            correct[bin] += top == truth[i] ? 1 : 0;
            nll -= Math.Log(Math.Max(row[truth[i]], 1e-12));
        }
        var bins = new CalibrationBin[binCount];
        double ece = 0;
        for (var b = 0; b < binCount; b++)
        {
            var n = counts[b];
            bins[b] = new CalibrationBin((double)b / binCount, (double)(b + 1) / binCount, n,
                n == 0 ? 0 : confidence[b] / n, n == 0 ? 0 : (double)correct[b] / n);
            ece += n == 0 ? 0 : (double)n / truth.Count * Math.Abs(bins[b].Accuracy - bins[b].MeanConfidence);
        }
        return new CalibrationMetrics
        {
            Samples = truth.Count,
            ExpectedCalibrationError = ece,
            NegativeLogLikelihood = nll / truth.Count,
            Bins = bins,
        };
    }
}

/// <summary>The faces whose top-class confidence fell in [Lower, Upper).</summary>
public sealed record CalibrationBin(
    [property: JsonPropertyName("lower")] double Lower,
    [property: JsonPropertyName("upper")] double Upper,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("mean_confidence")] double MeanConfidence,
    [property: JsonPropertyName("accuracy")] double Accuracy);
