namespace EdgeEmotion.Core.Evaluation;

/// <summary>A calibrated model's probabilities as they were before its temperature T was folded
/// in: softmax(z / T) = p, so softmax(T log p) = softmax(z). Lets one model file report its
/// calibration before and after.</summary>
public static class TemperatureUndo
{
    public static float[] Apply(ReadOnlySpan<float> probabilities, double temperature) =>
        Softmax.Rows(probabilities, p => temperature * Math.Log(Math.Max(p, 1e-30f)));
}
