using EdgeEmotion.Contracts;
using EdgeEmotion.Core.Datasets;

namespace EdgeEmotion.Training.Tests;

/// <summary>A small FER2013 image-folder copy made of real faces from ../shared: a few per class
/// in train/ and test/, so training tests run in seconds.</summary>
public sealed class TinyFer : IDisposable
{
    private readonly TempDirectory _dir = new();

    public TinyFer(int trainPerClass = 24, int testPerClass = 8)
    {
        foreach (var name in EmotionLabels.Names)
        {
            Copy(FerSplit.Train, "train", name, trainPerClass);
            Copy(FerSplit.PublicTest, "test", name, testPerClass);
        }
    }

    public string Root => _dir.Path;

    /// <summary>A votes folder (train-votes.tsv, test-votes.tsv) with the FER+ rows of the copied faces.</summary>
    public string WriteVotes()
    {
        var folder = _dir.Combine("votes");
        Directory.CreateDirectory(folder);
        foreach (var split in new[] { FerSplit.Train, FerSplit.PublicTest })
        {
            var name = $"{split.FolderName()}-votes.tsv";
            var copied = new HashSet<string>(Directory.GetDirectories(_dir.Combine(split.FolderName()))
                .SelectMany(d => Directory.GetFiles(d).Select(f => $"{Path.GetFileName(d)}/{Path.GetFileName(f)}")));
            var lines = File.ReadLines(Path.Combine(RepoPaths.Shared, "data", "ferplus", name)).ToList();
            File.WriteAllLines(Path.Combine(folder, name), lines.Take(1).Concat(lines.Skip(1).Where(l => copied.Contains(l.Split('\t')[0]))));
        }
        return folder;
    }

    public string NewRunFolder() => _dir.Combine("run-" + Guid.NewGuid().ToString("N")[..8]);

    private void Copy(FerSplit split, string sourceFolder, string name, int count)
    {
        var target = _dir.Combine(split.FolderName(), name);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Fer2013, sourceFolder, name)).Order(StringComparer.Ordinal).Take(count))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }

    public void Dispose() => _dir.Dispose();
}
