using EdgeEmotion.Core.Imaging;
using EdgeEmotion.Core.Preprocessing;

namespace EdgeEmotion.Core.Datasets;

/// <summary>A dataset turned into model inputs once, through the shared <see cref="FacePreprocessor"/>.</summary>
public sealed class FaceTensors
{
    public FaceTensors(FaceDataset dataset)
    {
        var preprocessor = new FacePreprocessor();
        Values = new float[dataset.Count * FacePreprocessor.TensorLength];
        Labels = dataset.Labels;
        Parallel.For(0, dataset.Count, i =>
        {
            var face = new GrayImage(FaceDataset.Side, FaceDataset.Side, dataset.Face(i).ToArray());
            preprocessor.WriteTensor(face, FaceBox.Covering(face.Width, face.Height),
                Values.AsSpan(i * FacePreprocessor.TensorLength, FacePreprocessor.TensorLength));
        });
    }

    public float[] Values { get; }
    public byte[] Labels { get; }
    public int Count => Labels.Length;

    public ReadOnlySpan<float> Face(int index) =>
        Values.AsSpan(index * FacePreprocessor.TensorLength, FacePreprocessor.TensorLength);
}
