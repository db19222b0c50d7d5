using EdgeEmotion.Core.Datasets;
using EdgeEmotion.Core.Labels;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Core.Preprocessing;

namespace EdgeEmotion.Core.Evaluation;

/// <summary>Runs an ONNX emotion model over a dataset, batch by batch, through the same
/// preprocessing and <see cref="EmotionModel"/> as the daemon.</summary>
public static class ModelEvaluator
{
    /// <summary>Probabilities [count,7] for every face.</summary>
    public static float[] Predict(EmotionModel model, FaceTensors data, int batchSize = 64)
    {
        var probabilities = new float[data.Count * EmotionLabels.Count];
        for (var start = 0; start < data.Count; start += batchSize)
        {
            var n = Math.Min(batchSize, data.Count - start);
            var batch = data.Values.AsMemory(start * FacePreprocessor.TensorLength, n * FacePreprocessor.TensorLength);
            model.Predict(batch, n).CopyTo(probabilities, start * EmotionLabels.Count);
        }
        return probabilities;
    }

    public static int[] ArgMax(float[] probabilities)
    {
        var k = EmotionLabels.Count;
        var result = new int[probabilities.Length / k];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = TopClass.Of<float>(probabilities.AsSpan(i * k, k));
        }
        return result;
    }

    public static ClassificationMetrics Evaluate(EmotionModel model, FaceTensors data) =>
        ClassificationMetrics.From(data.Labels, ArgMax(Predict(model, data)));
}
