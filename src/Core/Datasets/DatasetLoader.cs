using System.Security.Cryptography;
using System.Text;

namespace EdgeEmotion.Core.Datasets;

/// <summary>Loads a split from either form of FER2013 (a <c>.csv</c> file or an image-folder
/// root), optionally through a binary cache keyed by the source's path, size and time.</summary>
public static class DatasetLoader
{
    public static FaceDataset Load(string source, FerSplit split, string? cacheDirectory = null)
    {
        var isCsv = File.Exists(source);
        if (!isCsv && !Directory.Exists(source))
        {
            throw new UserInputException($"{source}: dataset not found (give fer2013.csv or a folder with train/ and test/).");
        }
        if (cacheDirectory is null)
        {
            return Read(source, split, isCsv);
        }
        var cachePath = Path.Combine(cacheDirectory, $"{CacheKey(source, split, isCsv)}.faces");
        if (DatasetCache.TryRead(cachePath) is { } cached)
        {
            return cached;
        }
        var dataset = Read(source, split, isCsv);
        DatasetCache.Write(cachePath, dataset);
        return dataset;
    }

    private static FaceDataset Read(string source, FerSplit split, bool isCsv) =>
        isCsv ? Fer2013CsvReader.Read(source, split) : ImageFolderReader.Read(source, split);

    private static string CacheKey(string source, FerSplit split, bool isCsv)
    {
        var full = Path.GetFullPath(source);
        string stamp;
        if (isCsv)
        {
            var info = new FileInfo(full);
            stamp = $"{info.Length}:{info.LastWriteTimeUtc.Ticks}";
        }
        else
        {
            var dir = new DirectoryInfo(Path.Combine(full, split.FolderName()));
            // Class folders change (time and entry count) whenever a file is added or removed.
            stamp = dir.Exists
                ? string.Join(";", dir.GetDirectories().OrderBy(d => d.Name, StringComparer.Ordinal)
                    .Select(d => $"{d.Name}:{d.LastWriteTimeUtc.Ticks}:{d.EnumerateFiles().Count()}"))
                : "missing";
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{full}|{split}|{stamp}"));
        return $"{split.FolderName()}-{Convert.ToHexStringLower(hash)[..16]}";
    }
}
