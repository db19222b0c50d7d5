using EdgeEmotion.Core.Preprocessing;

namespace EdgeEmotion.Core.Datasets;

/// <summary>Labelled 48x48 grayscale faces held in two flat arrays (pixels row-major per face),
/// each with the name it has in its source (<c>class/file.jpg</c> in the image-folder layout,
/// <c>row N</c> in <c>fer2013.csv</c>), by which FER+ votes are joined.</summary>
public sealed class FaceDataset
{
    public const int Side = FacePreprocessor.Size;
    public const int PixelsPerFace = FacePreprocessor.TensorLength;

    public FaceDataset(byte[] pixels, byte[] labels, string[]? names = null)
    {
        if (pixels.Length != labels.Length * PixelsPerFace)
        {
            throw new ArgumentException($"{labels.Length} labels need {labels.Length * PixelsPerFace} pixels, got {pixels.Length}.");
        }
        foreach (var label in labels)
        {
            if (label >= EmotionLabels.Count)
            {
                throw new ArgumentException($"Label {label} is outside 0..{EmotionLabels.Count - 1}.");
            }
        }
        if (names is not null && names.Length != labels.Length)
        {
            throw new ArgumentException($"{labels.Length} labels need {labels.Length} names, got {names.Length}.");
        }
        Pixels = pixels;
        Labels = labels;
        Names = names ?? [.. Enumerable.Range(0, labels.Length).Select(i => $"#{i}")];
    }

    public byte[] Pixels { get; }
    public byte[] Labels { get; }
    public string[] Names { get; }
    public int Count => Labels.Length;

    public ReadOnlySpan<byte> Face(int index) => Pixels.AsSpan(index * PixelsPerFace, PixelsPerFace);

    public int[] ClassCounts()
    {
        var counts = new int[EmotionLabels.Count];
        foreach (var label in Labels)
        {
            counts[label]++;
        }
        return counts;
    }

    /// <summary>A subset, e.g. for quick runs and calibration; indices in the given order.</summary>
    public FaceDataset Select(IReadOnlyList<int> indices)
    {
        var pixels = new byte[indices.Count * PixelsPerFace];
        var labels = new byte[indices.Count];
        var names = new string[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            Face(indices[i]).CopyTo(pixels.AsSpan(i * PixelsPerFace));
            labels[i] = Labels[indices[i]];
            names[i] = Names[indices[i]];
        }
        return new FaceDataset(pixels, labels, names);
    }

    /// <summary>The same faces under other labels (FER+ majority labels, for instance).</summary>
    public FaceDataset Relabel(byte[] labels) => new(Pixels, labels, Names);

    /// <summary>Up to <paramref name="perClass"/> faces of each class, drawn with a seeded shuffle.</summary>
    public FaceDataset SamplePerClass(int perClass, int seed) => Select(SamplePerClassIndices(perClass, seed));

    /// <summary>The indices <see cref="SamplePerClass"/> takes, in ascending order.</summary>
    public int[] SamplePerClassIndices(int perClass, int seed)
    {
        var order = Enumerable.Range(0, Count).ToArray();
        new Random(seed).Shuffle(order);
        var taken = new int[EmotionLabels.Count];
        var chosen = new List<int>();
        foreach (var i in order)
        {
            if (taken[Labels[i]] < perClass)
            {
                taken[Labels[i]]++;
                chosen.Add(i);
            }
        }
        chosen.Sort();
        return [.. chosen];
    }
}
