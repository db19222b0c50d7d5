namespace EdgeEmotion.Core.Datasets;

/// <summary>FER2013 splits: <c>Training</c>, <c>PublicTest</c> (the validation split we tune on)
/// and <c>PrivateTest</c> (held out for acceptance).</summary>
public enum FerSplit
{
    Train,
    PublicTest,
    PrivateTest,
}

public static class FerSplitNames
{
    /// <summary>The <c>Usage</c> column value of a split in <c>fer2013.csv</c>.</summary>
    public static string CsvUsage(this FerSplit split) => split switch
    {
        FerSplit.Train => "Training",
        FerSplit.PublicTest => "PublicTest",
        _ => "PrivateTest",
    };

    /// <summary>The folder of a split in the image-folder layout.</summary>
    public static string FolderName(this FerSplit split) => split switch
    {
        FerSplit.Train => "train",
        FerSplit.PublicTest => "test",
        _ => "private-test",
    };

    public static FerSplit Parse(string text) => text.ToLowerInvariant() switch
    {
        "train" or "training" => FerSplit.Train,
        "test" or "publictest" or "public-test" or "val" or "validation" => FerSplit.PublicTest,
        "privatetest" or "private-test" or "private" => FerSplit.PrivateTest,
        _ => throw new UserInputException($"Unknown split '{text}': use train, test (PublicTest) or private-test."),
    };
}
