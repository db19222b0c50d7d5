using EdgeEmotion.Contracts;
using EdgeEmotion.Core.Evaluation;

namespace EdgeEmotion.Training.Calibration;

/// <summary>
/// Temperature scaling (Guo et al., ICML 2017): one number T that divides the logits before
/// softmax, chosen to minimise the negative log-likelihood of held-out labels. It changes
/// confidence, never the predicted class.
/// </summary>
/// <remarks>The likelihood is convex in 1/T, so a golden-section search over log T finds the
/// minimum; this one-dimensional search is written here rather than taken from an optimiser
/// library because it is twenty lines and needs no gradients.</remarks>
public static class TemperatureScaling
{
    public static double Fit(float[] logits, IReadOnlyList<byte> labels, double minimum = 0.25, double maximum = 8)
    {
        double lo = Math.Log(minimum), hi = Math.Log(maximum);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        var a = hi - (ratio * (hi - lo));
        var b = lo + (ratio * (hi - lo));
        double fa = NegativeLogLikelihood(logits, labels, Math.Exp(a)), fb = NegativeLogLikelihood(logits, labels, Math.Exp(b));
        for (var step = 0; step < 60; step++)
        {
            if (fa < fb)
            {
                hi = b;
                b = a;
                fb = fa;
                a = hi - (ratio * (hi - lo));
                fa = NegativeLogLikelihood(logits, labels, Math.Exp(a));
            }
            else
            {
                lo = a;
                a = b;
                fa = fb;
                b = lo + (ratio * (hi - lo));
                fb = NegativeLogLikelihood(logits, labels, Math.Exp(b));
            }
        }
        return Math.Exp((lo + hi) / 2);
    }

    /// <summary>Softmax of logits / T, row by row.</summary>
    public static float[] Probabilities(float[] logits, double temperature) =>
        Softmax.Rows(logits, z => z / temperature);

    public static double NegativeLogLikelihood(float[] logits, IReadOnlyList<byte> labels, double temperature)
    {
        var k = EmotionLabels.Count;
        double total = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var row = logits.AsSpan(i * k, k);
            var max = double.NegativeInfinity;
            foreach (var z in row)
            {
                max = Math.Max(max, z / temperature);
            }
            double sum = 0;
            foreach (var z in row)
            {
                sum += Math.Exp((z / temperature) - max);
            }
            total -= (row[labels[i]] / temperature) - max - Math.Log(sum);
        }
        return total / labels.Count;
    }
}
