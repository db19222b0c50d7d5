using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Daemon.Detection;

namespace EdgeEmotion.Daemon.Classification;

/// <summary>Classifies all faces of a frame in one batch: each face goes through the shared
/// <see cref="FacePreprocessor"/> (the path training used), turned level by its eye landmarks
/// when the detector gives them, into the emotion model.</summary>
internal sealed class EmotionClassifier(EmotionModel model, FacePreprocessor preprocessor) : IDisposable
{
    /// <summary>Most faces in one model run (see <see cref="Classify"/>).</summary>
    public const int MaxBatch = 16;

    private float[] _batch = new float[8 * FacePreprocessor.TensorLength];

    public EmotionModel Model => model;

    /// <summary>Probabilities [faces, 7], in <see cref="EmotionLabels"/> order.</summary>
    public float[] Classify(GrayImage frame, IReadOnlyList<DetectedFace> faces)
    {
        if (faces.Count == 0)
        {
            return [];
        }
        if (_batch.Length < faces.Count * FacePreprocessor.TensorLength)
        {
            _batch = new float[faces.Count * FacePreprocessor.TensorLength];
        }
        for (var i = 0; i < faces.Count; i++)
        {
            preprocessor.WriteTensor(frame, faces[i].Box, _batch.AsSpan(i * FacePreprocessor.TensorLength, FacePreprocessor.TensorLength),
                faces[i].Landmarks?.Eyes);
        }
        if (faces.Count <= MaxBatch)
        {
            return model.Predict(_batch, faces.Count);
        }
        // OnnxRuntime's arena keeps the largest activations it ever needed: one batch of a crowd
        // (80 faces, low-score ones included, on a group photo) held about 25 MB for good. Batches
        // of at most MaxBatch bound that at no measurable cost per face.
        var probabilities = new float[faces.Count * EmotionLabels.Count];
        for (var first = 0; first < faces.Count; first += MaxBatch)
        {
            var count = Math.Min(MaxBatch, faces.Count - first);
            model.Predict(_batch.AsMemory(first * FacePreprocessor.TensorLength, count * FacePreprocessor.TensorLength), count)
                .CopyTo(probabilities, first * EmotionLabels.Count);
        }
        return probabilities;
    }

    public void Dispose() => model.Dispose();
}
