using System.Runtime.ExceptionServices;
using EdgeEmotion.Core.Imaging;

namespace EdgeEmotion.Core.Datasets;

/// <summary>Reads the image-folder layout: <c>{root}/{split}/{class}/*.jpg|png</c>, class folder
/// names as in <see cref="EmotionLabels"/>, every image 48x48 grayscale.</summary>
public static class ImageFolderReader
{
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".bmp"];

    public static FaceDataset Read(string root, FerSplit split)
    {
        var splitDir = Path.Combine(root, split.FolderName());
        if (!Directory.Exists(splitDir))
        {
            throw new UserInputException($"{splitDir}: split folder not found (expected {root}/{split.FolderName()}/<class>/*.jpg).");
        }
        var files = new List<(string Path, byte Label)>();
        foreach (var classDir in Directory.GetDirectories(splitDir).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(classDir);
            var label = EmotionLabels.IndexOf(name);
            if (label < 0)
            {
                throw new UserInputException($"{classDir}: unknown class folder '{name}' (expected one of {string.Join(", ", EmotionLabels.Names)}).");
            }
            foreach (var file in Directory.GetFiles(classDir).Order(StringComparer.Ordinal))
            {
                if (Extensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
                {
                    files.Add((file, (byte)label));
                }
            }
        }
        if (files.Count == 0)
        {
            throw new UserInputException($"{splitDir}: split '{split.FolderName()}' is empty (no images in any class folder).");
        }

        var pixels = new byte[files.Count * FaceDataset.PixelsPerFace];
        var labels = new byte[files.Count];
        var names = files.Select(f => $"{Path.GetFileName(Path.GetDirectoryName(f.Path))}/{Path.GetFileName(f.Path)}").ToArray();
        try
        {
            Parallel.For(0, files.Count, i => DecodeInto(files[i].Path, files[i].Label, i, pixels, labels));
        }
        catch (AggregateException ex) when (ex.InnerExceptions[0] is UserInputException first)
        {
            ExceptionDispatchInfo.Throw(first);
        }
        return new FaceDataset(pixels, labels, names);
    }

    private static void DecodeInto(string path, byte label, int i, byte[] pixels, byte[] labels)
    {
        GrayImage image;
        try
        {
            image = ImageDecoder.ReadGray(path);
        }
        catch (InvalidDataException ex)
        {
            throw new UserInputException(ex.Message, ex);
        }
        if (image.Width != FaceDataset.Side || image.Height != FaceDataset.Side)
        {
            throw new UserInputException($"{path}: image is {image.Width}x{image.Height}, expected {FaceDataset.Side}x{FaceDataset.Side}.");
        }
        image.Pixels.CopyTo(pixels, i * FaceDataset.PixelsPerFace);
        labels[i] = label;
    }
}
