using System.Globalization;

namespace EdgeEmotion.Core.Datasets;

/// <summary>Reads the original <c>fer2013.csv</c>: header <c>emotion,pixels,Usage</c>, pixels as
/// 2304 space-separated 0..255 values.</summary>
public static class Fer2013CsvReader
{
    public static FaceDataset Read(string csvPath, FerSplit split)
    {
        using var reader = new StreamReader(csvPath);
        var header = reader.ReadLine() ?? throw new UserInputException($"{csvPath}: file is empty.");
        var columns = header.Split(',').Select(c => c.Trim()).ToArray();
        var emotionCol = Array.FindIndex(columns, c => c.Equals("emotion", StringComparison.OrdinalIgnoreCase));
        var pixelsCol = Array.FindIndex(columns, c => c.Equals("pixels", StringComparison.OrdinalIgnoreCase));
        var usageCol = Array.FindIndex(columns, c => c.Equals("Usage", StringComparison.OrdinalIgnoreCase));
        if (emotionCol < 0 || pixelsCol < 0 || usageCol < 0)
        {
            throw new UserInputException($"{csvPath}: line 1: header must have columns emotion,pixels,Usage (found '{header}').");
        }

        var usage = split.CsvUsage();
        var pixels = new List<byte>();
        var labels = new List<byte>();
        var names = new List<string>();
        var lineNumber = 1;
        var row = -1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            row++; // FER+'s fer2013new.csv has one row per data row of fer2013.csv, in order.
            var fields = line.Split(',');
            if (fields.Length != columns.Length)
            {
                throw new UserInputException($"{csvPath}: line {lineNumber}: expected {columns.Length} fields, found {fields.Length}.");
            }
            if (!fields[usageCol].Trim().Equals(usage, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (!int.TryParse(fields[emotionCol], NumberStyles.None, CultureInfo.InvariantCulture, out var label) || label >= EmotionLabels.Count)
            {
                throw new UserInputException($"{csvPath}: line {lineNumber}: emotion '{fields[emotionCol]}' is not a label 0..{EmotionLabels.Count - 1}.");
            }
            var values = fields[pixelsCol].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (values.Length != FaceDataset.PixelsPerFace)
            {
                throw new UserInputException($"{csvPath}: line {lineNumber}: {values.Length} pixel values, expected {FaceDataset.PixelsPerFace} (48x48).");
            }
            foreach (var v in values)
            {
                if (!byte.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var b))
                {
                    throw new UserInputException($"{csvPath}: line {lineNumber}: pixel value '{v}' is not 0..255.");
                }
                pixels.Add(b);
            }
            labels.Add((byte)label);
            names.Add(RowName(row));
        }
        if (labels.Count == 0)
        {
            throw new UserInputException($"{csvPath}: split '{usage}' is empty (no rows with Usage={usage}).");
        }
        return new FaceDataset([.. pixels], [.. labels], [.. names]);
    }

    /// <summary>A face's name: its data row in the file, counted from 0 over all splits.</summary>
    public static string RowName(int row) => $"row {row}";
}
