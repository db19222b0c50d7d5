using EdgeEmotion.Contracts;
using EdgeEmotion.Core.Labels;

namespace EdgeEmotion.Training.Data;

/// <summary>Model inputs with the distribution each face should get: one-hot FER2013 labels or
/// FER+ vote shares. <see cref="Labels"/> (the top class of each target) is what training
/// accuracy counts.</summary>
public sealed class TrainingExamples
{
    private TrainingExamples(FaceTensors faces, float[] targets)
    {
        Faces = faces;
        Targets = targets;
        Labels = new byte[faces.Count];
        for (var i = 0; i < faces.Count; i++)
        {
            Labels[i] = (byte)TopClass.Of<float>(targets.AsSpan(i * EmotionLabels.Count, EmotionLabels.Count));
        }
    }

    public FaceTensors Faces { get; }
    public float[] Targets { get; }
    public byte[] Labels { get; }
    public int Count => Faces.Count;

    public ReadOnlySpan<float> Target(int index) => Targets.AsSpan(index * EmotionLabels.Count, EmotionLabels.Count);

    public static TrainingExamples OneHot(FaceDataset dataset)
    {
        var targets = new float[dataset.Count * EmotionLabels.Count];
        for (var i = 0; i < dataset.Count; i++)
        {
            targets[(i * EmotionLabels.Count) + dataset.Labels[i]] = 1f;
        }
        return new TrainingExamples(new FaceTensors(dataset), targets);
    }

    public static TrainingExamples FromVotes(VotedFaces voted) => new(new FaceTensors(voted.Faces), voted.Targets);
}
