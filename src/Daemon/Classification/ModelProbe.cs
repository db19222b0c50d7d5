using EdgeEmotion.Core.Onnx;

namespace EdgeEmotion.Daemon.Classification;

/// <summary>Runs a model once on a plain gray face at start: a model can meet the ONNX contract
/// (names, shapes, types) and still output NaN or numbers that are not probabilities, which would
/// otherwise surface only as broken windows at run time.</summary>
internal static class ModelProbe
{
    public static string? Problem(EmotionModel model)
    {
        var face = new float[FacePreprocessor.TensorLength];
        Array.Fill(face, 0.5f);
        var output = model.Predict(face, 1);
        if (!ProbabilityRows.IsValid(output))
        {
            return $"outputs [{string.Join(", ", output.Select(p => p.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)))}] for a plain gray face, not probabilities (finite, 0..1, summing to 1)";
        }
        return null;
    }
}
