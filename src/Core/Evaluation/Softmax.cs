namespace EdgeEmotion.Core.Evaluation;

/// <summary>Softmax over each face's row of <see cref="EmotionLabels.Count"/> values, of a score
/// computed from each value (logits over a temperature, or a temperature times log-probabilities).</summary>
public static class Softmax
{
    public static float[] Rows(ReadOnlySpan<float> values, Func<float, double> score)
    {
        var k = EmotionLabels.Count;
        var result = new float[values.Length];
        Span<double> scores = stackalloc double[k];
        for (var i = 0; i < values.Length / k; i++)
        {
            var max = double.NegativeInfinity;
            for (var c = 0; c < k; c++)
            {
                scores[c] = score(values[(i * k) + c]);
                max = Math.Max(max, scores[c]);
            }
            double sum = 0;
            for (var c = 0; c < k; c++)
            {
                scores[c] = Math.Exp(scores[c] - max);
                sum += scores[c];
            }
            for (var c = 0; c < k; c++)
            {
                result[(i * k) + c] = (float)(scores[c] / sum);
            }
        }
        return result;
    }
}
