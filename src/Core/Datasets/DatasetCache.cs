using EdgeEmotion.Core.IO;

namespace EdgeEmotion.Core.Datasets;

/// <summary>A decoded split in one binary file: magic, count, labels, pixels, names. Decoding 28,709
/// JPEGs takes longer than reading 66 MB once.</summary>
public static class DatasetCache
{
    private const uint Magic = 0x45464332; // "EFC2": faces carry their names

    public static FaceDataset? TryRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            if (reader.ReadUInt32() != Magic)
            {
                return null;
            }
            var count = reader.ReadInt32();
            var labels = reader.ReadBytes(count);
            var pixels = reader.ReadBytes(count * FaceDataset.PixelsPerFace);
            if (labels.Length != count || pixels.Length != count * FaceDataset.PixelsPerFace)
            {
                return null;
            }
            var names = new string[count];
            for (var i = 0; i < count; i++)
            {
                names[i] = reader.ReadString();
            }
            return new FaceDataset(pixels, labels, names);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException)
        {
            return null; // A damaged cache is rebuilt from the source.
        }
    }

    public static void Write(string path, FaceDataset dataset)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        DurableFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(dataset.Count);
            writer.Write(dataset.Labels);
            writer.Write(dataset.Pixels);
            foreach (var name in dataset.Names)
            {
                writer.Write(name);
            }
        });
    }
}
