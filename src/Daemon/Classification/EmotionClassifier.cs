using EdgeEmotion.Core.Imaging;
using EdgeEmotion.Core.Labels;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Core.Preprocessing;
using EdgeEmotion.Daemon.Detection;

namespace EdgeEmotion.Daemon.Classification;

/// <summary>Classifies all faces of a frame in one batch: each face goes through the shared
/// <see cref="FacePreprocessor"/> (the path training used) into the emotion model.</summary>
public sealed class EmotionClassifier(EmotionModel model, FacePreprocessor preprocessor) : IDisposable
{
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
            preprocessor.WriteTensor(frame, faces[i].Box, _batch.AsSpan(i * FacePreprocessor.TensorLength, FacePreprocessor.TensorLength));
        }
        return model.Predict(_batch, faces.Count);
    }

    public void Dispose() => model.Dispose();
}
