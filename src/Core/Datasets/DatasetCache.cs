namespace EdgeEmotion.Core.Datasets;

/// <summary>A decoded split in one binary file: magic, count, labels, pixels. Decoding 28,709
/// JPEGs takes longer than reading 66 MB once.</summary>
public static class DatasetCache
{
    private const uint Magic = 0x45464331; // "EFC1"

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
            return labels.Length == count && pixels.Length == count * FaceDataset.PixelsPerFace
                ? new FaceDataset(pixels, labels)
                : null;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException)
        {
            return null; // A damaged cache is rebuilt from the source.
        }
    }

    public static void Write(string path, FaceDataset dataset)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temp)))
        {
            writer.Write(Magic);
            writer.Write(dataset.Count);
            writer.Write(dataset.Labels);
            writer.Write(dataset.Pixels);
        }
        File.Move(temp, path, overwrite: true);
    }
}
