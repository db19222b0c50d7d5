namespace EdgeEmotion.Core.Datasets;

/// <summary>
/// A split's faces joined with their FER+ votes: the faces at least one annotator gave one of
/// our seven emotions (others are dropped and counted), each with its vote distribution over
/// the seven classes (soft label) and its plurality label (-1 when there is none).
/// </summary>
public sealed class VotedFaces
{
    private VotedFaces(FaceDataset faces, float[] targets, int[] majority, int dropped)
    {
        Faces = faces;
        Targets = targets;
        Majority = majority;
        WithoutEmotionVotes = dropped;
    }

    /// <summary>The kept faces, with their FER2013 labels.</summary>
    public FaceDataset Faces { get; }

    /// <summary>Vote distributions, <see cref="EmotionLabels.Count"/> per face.</summary>
    public float[] Targets { get; }

    public int[] Majority { get; }

    /// <summary>Faces left out: no row in the votes, no votes, or only contempt/unknown/not_face.</summary>
    public int WithoutEmotionVotes { get; }

    public int Count => Faces.Count;

    public static VotedFaces Join(FaceDataset faces, FerPlusVotes votes)
    {
        var known = new HashSet<string>(faces.Names, StringComparer.Ordinal);
        foreach (var name in votes.Names)
        {
            if (!known.Contains(name))
            {
                votes.TryGet(name, out var row);
                throw new UserInputException($"{votes.Source}: line {row.Line}: '{name}' is not in the data set (its {faces.Count:N0} faces are named like '{faces.Names.FirstOrDefault()}'): votes and images are from different splits or copies.");
            }
        }
        var kept = new List<int>();
        var targets = new List<float>();
        var majority = new List<int>();
        Span<float> distribution = stackalloc float[EmotionLabels.Count];
        for (var i = 0; i < faces.Count; i++)
        {
            if (votes.TryGet(faces.Names[i], out var row) && FerPlusVotes.TryDistribution(row.Votes, distribution))
            {
                kept.Add(i);
                targets.AddRange(distribution);
                majority.Add(FerPlusVotes.Majority(row.Votes));
            }
        }
        return new VotedFaces(faces.Select(kept), [.. targets], [.. majority], faces.Count - kept.Count);
    }

    /// <summary>The faces that have a plurality label, labelled with it: what FER+ accuracy is measured on.</summary>
    public FaceDataset MajorityLabelled()
    {
        var indices = Enumerable.Range(0, Count).Where(i => Majority[i] >= 0).ToArray();
        var subset = Faces.Select(indices);
        return subset.Relabel([.. indices.Select(i => (byte)Majority[i])]);
    }

    /// <summary>A subset (for a held-out part of the training split), in the given order.</summary>
    public VotedFaces Select(IReadOnlyList<int> indices)
    {
        var targets = new float[indices.Count * EmotionLabels.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            Targets.AsSpan(indices[i] * EmotionLabels.Count, EmotionLabels.Count).CopyTo(targets.AsSpan(i * EmotionLabels.Count));
        }
        return new VotedFaces(Faces.Select(indices), targets, [.. indices.Select(i => Majority[i])], 0);
    }
}
