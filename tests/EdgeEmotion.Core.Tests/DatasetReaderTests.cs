using System.Globalization;
using System.Text;
using EdgeEmotion.Contracts;
using EdgeEmotion.Core.Imaging;

namespace EdgeEmotion.Core.Tests;

public class DatasetReaderTests
{
    [Fact]
    public void The_image_folder_PublicTest_split_has_every_face_with_its_class()
    {
        var test = ImageFolderReader.Read(RepoPaths.Fer2013, FerSplit.PublicTest);
        Assert.Equal(3589, test.Count);
        Assert.Equal([467, 56, 496, 895, 653, 415, 607], test.ClassCounts());
    }

    /// <summary>A small image-folder dataset made of real FER2013 files: n per class.</summary>
    private static void CopyFaces(string root, FerSplit split, int perClass)
    {
        foreach (var name in EmotionLabels.Names)
        {
            var target = Path.Combine(root, split.FolderName(), name);
            Directory.CreateDirectory(target);
            foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Fer2013, "test", name)).Order().Take(perClass))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
        }
    }

    [Fact]
    public void An_unknown_class_folder_is_named()
    {
        using var dir = new TempDirectory();
        CopyFaces(dir.Path, FerSplit.Train, 1);
        Directory.CreateDirectory(dir.Combine("train", "contempt"));
        var ex = Assert.Throws<UserInputException>(() => ImageFolderReader.Read(dir.Path, FerSplit.Train));
        Assert.Contains("contempt", ex.Message);
    }

    [Fact]
    public void An_image_of_the_wrong_size_is_named_with_its_size()
    {
        using var dir = new TempDirectory();
        CopyFaces(dir.Path, FerSplit.Train, 1);
        var bad = dir.Combine("train", "sad", "big.jpg");
        File.Copy(Path.Combine(RepoPaths.Faces, "group-1.jpg"), bad);
        var ex = Assert.Throws<UserInputException>(() => ImageFolderReader.Read(dir.Path, FerSplit.Train));
        Assert.Contains(bad, ex.Message);
        Assert.Contains("expected 48x48", ex.Message);
    }

    [Fact]
    public void A_corrupt_image_is_named()
    {
        using var dir = new TempDirectory();
        CopyFaces(dir.Path, FerSplit.Train, 1);
        var bad = dir.Combine("train", "fear", "broken.jpg");
        File.WriteAllBytes(bad, [0xFF, 0xD8, 0xFF, 0x00, 0x01, 0x02]);
        var ex = Assert.Throws<UserInputException>(() => ImageFolderReader.Read(dir.Path, FerSplit.Train));
        Assert.Contains(bad, ex.Message);
    }

    [Fact]
    public void An_empty_or_missing_split_is_reported()
    {
        using var dir = new TempDirectory();
        Assert.Contains("not found", Assert.Throws<UserInputException>(() => ImageFolderReader.Read(dir.Path, FerSplit.Train)).Message);
        Directory.CreateDirectory(dir.Combine("train", "happy"));
        Assert.Contains("empty", Assert.Throws<UserInputException>(() => ImageFolderReader.Read(dir.Path, FerSplit.Train)).Message);
    }

    private static string CsvRow(int label, byte[] pixels, string usage) =>
        $"{label},{string.Join(' ', pixels.Select(p => p.ToString(CultureInfo.InvariantCulture)))},{usage}";

    [Fact]
    public void The_csv_form_gives_the_same_faces_as_the_image_folders()
    {
        using var dir = new TempDirectory();
        CopyFaces(dir.Path, FerSplit.PublicTest, 3);
        var folder = ImageFolderReader.Read(dir.Path, FerSplit.PublicTest);
        var csv = new StringBuilder("emotion,pixels,Usage\n");
        for (var i = 0; i < folder.Count; i++)
        {
            csv.AppendLine(CsvRow(folder.Labels[i], folder.Face(i).ToArray(), "PublicTest"));
            csv.AppendLine(CsvRow(folder.Labels[i], folder.Face(i).ToArray(), "Training"));
        }
        var path = dir.Combine("fer2013.csv");
        File.WriteAllText(path, csv.ToString());

        var fromCsv = DatasetLoader.Load(path, FerSplit.PublicTest);
        Assert.Equal(folder.Labels, fromCsv.Labels);
        Assert.Equal(folder.Pixels, fromCsv.Pixels);
        Assert.Equal(21, DatasetLoader.Load(path, FerSplit.Train).Count);
        Assert.Contains("empty", Assert.Throws<UserInputException>(() => DatasetLoader.Load(path, FerSplit.PrivateTest)).Message);
    }

    [Fact]
    public void Csv_errors_name_the_file_and_line()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("fer2013.csv");
        var good = CsvRow(3, new byte[2304], "Training");

        File.WriteAllText(path, $"emotion,pixels,Usage\n{good}\n3,1 2 3,Training\n");
        var ex = Assert.Throws<UserInputException>(() => Fer2013CsvReader.Read(path, FerSplit.Train));
        Assert.Contains($"{path}: line 3", ex.Message);
        Assert.Contains("3 pixel values, expected 2304", ex.Message);

        File.WriteAllText(path, $"emotion,pixels,Usage\n{good.Replace("3,", "9,", StringComparison.Ordinal)}\n");
        Assert.Contains("line 2: emotion '9'", Assert.Throws<UserInputException>(() => Fer2013CsvReader.Read(path, FerSplit.Train)).Message);

        File.WriteAllText(path, $"emotion,pixels,Usage\n{good.Replace(" 0 ", " 256 ", StringComparison.Ordinal)}\n");
        Assert.Contains("pixel value '256'", Assert.Throws<UserInputException>(() => Fer2013CsvReader.Read(path, FerSplit.Train)).Message);

        File.WriteAllText(path, "label,image\n");
        Assert.Contains("line 1: header", Assert.Throws<UserInputException>(() => Fer2013CsvReader.Read(path, FerSplit.Train)).Message);
    }

    [Fact]
    public void The_cache_returns_what_was_read_and_rebuilds_when_damaged()
    {
        using var dir = new TempDirectory();
        CopyFaces(dir.Path, FerSplit.PublicTest, 2);
        var cache = dir.Combine("cache");
        var first = DatasetLoader.Load(dir.Path, FerSplit.PublicTest, cache);
        var file = Assert.Single(Directory.GetFiles(cache));
        var second = DatasetLoader.Load(dir.Path, FerSplit.PublicTest, cache);
        Assert.Equal(first.Pixels, second.Pixels);
        Assert.Equal(first.Labels, second.Labels);

        File.WriteAllBytes(file, [1, 2, 3]);
        Assert.Null(DatasetCache.TryRead(file));
        Assert.Equal(first.Pixels, DatasetLoader.Load(dir.Path, FerSplit.PublicTest, cache).Pixels);
    }

    [Fact]
    public void Sampling_per_class_is_seeded_and_bounded()
    {
        var test = ImageFolderReader.Read(RepoPaths.Fer2013, FerSplit.PublicTest);
        var a = test.SamplePerClass(60, seed: 3);
        var b = test.SamplePerClass(60, seed: 3);
        Assert.Equal(a.Pixels, b.Pixels);
        Assert.Equal([60, 56, 60, 60, 60, 60, 60], a.ClassCounts());
    }

    [Fact]
    public void Decoding_a_real_face_gives_48x48_gray()
    {
        var image = ImageDecoder.ReadGray(Directory.GetFiles(Path.Combine(RepoPaths.Fer2013, "train", "disgust"))[0]);
        Assert.Equal((48, 48), (image.Width, image.Height));
        Assert.True(image.Pixels.Distinct().Count() > 20);
    }
}
