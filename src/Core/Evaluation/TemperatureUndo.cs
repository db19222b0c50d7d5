using EdgeEmotion.Core.Labels;

namespace EdgeEmotion.Core.Evaluation;

/// <summary>A calibrated model's probabilities as they were before its temperature T was folded
/// in: softmax(z / T) = p, so softmax(T log p) = softmax(z). Lets one model file report its
/// calibration before and after.</summary>
public static class TemperatureUndo
{
    public static float[] Apply(ReadOnlySpan<float> probabilities, double temperature)
    {
        var k = EmotionLabels.Count;
        var result = new float[probabilities.Length];
        Span<double> scaled = stackalloc double[k];
        for (var i = 0; i < probabilities.Length / k; i++)
        {
            var max = double.NegativeInfinity;
            for (var c = 0; c < k; c++)
            {
                scaled[c] = temperature * Math.Log(Math.Max(probabilities[(i * k) + c], 1e-30f));
                max = Math.Max(max, scaled[c]);
            }
            double sum = 0;
            for (var c = 0; c < k; c++)
            {
                scaled[c] = Math.Exp(scaled[c] - max);
                sum += scaled[c];
            }
            for (var c = 0; c < k; c++)
            {
                result[(i * k) + c] = (float)(scaled[c] / sum);
            }
        }
        return result;
    }
}
