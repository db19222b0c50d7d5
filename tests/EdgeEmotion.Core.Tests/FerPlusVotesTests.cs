using EdgeEmotion.Contracts;

namespace EdgeEmotion.Core.Tests;

public class FerPlusVotesTests
{
    private static string FerPlus => Path.Combine(RepoPaths.Shared, "data", "ferplus");

    private const string Header = "file\tfer2013\tneutral\thappiness\tsurprise\tsadness\tanger\tdisgust\tfear\tcontempt\tunknown\tnot_face\tmatch_distance";

    [Fact]
    public void The_shared_PublicTest_votes_give_the_majority_counts_of_their_README()
    {
        var faces = ImageFolderReader.Read(RepoPaths.Fer2013, FerSplit.PublicTest);
        var voted = VotedFaces.Join(faces, FerPlusVotesReader.Read(FerPlus, FerSplit.PublicTest));
        var majority = voted.MajorityLabelled();
        Assert.Equal(3372, majority.Count);
        var counts = majority.ClassCounts();
        Assert.Equal(1242, counts[EmotionLabels.IndexOf("neutral")]);
        Assert.Equal(880, counts[EmotionLabels.IndexOf("happy")]);
        Assert.Equal(31, counts[EmotionLabels.IndexOf("disgust")]);
        Assert.Equal(10, voted.WithoutEmotionVotes); // the ten PublicTest faces FER+ has no image for
    }

    [Fact]
    public void Vote_shares_and_majority_follow_the_rules()
    {
        Span<float> shares = stackalloc float[7];
        // neutral 6, happiness 2, contempt 1, unknown 1: shares over the 8 emotion votes of our classes.
        int[] votes = [6, 2, 0, 0, 0, 0, 0, 1, 1, 0];
        Assert.True(FerPlusVotes.TryDistribution(votes, shares));
        Assert.Equal(0.75f, shares[EmotionLabels.IndexOf("neutral")], 6);
        Assert.Equal(0.25f, shares[EmotionLabels.IndexOf("happy")], 6);
        Assert.Equal(EmotionLabels.IndexOf("neutral"), FerPlusVotes.Majority(votes));

        Assert.Equal(-1, FerPlusVotes.Majority([4, 4, 2, 0, 0, 0, 0, 0, 0, 0])); // tie
        Assert.Equal(-1, FerPlusVotes.Majority([1, 1, 0, 0, 0, 0, 0, 6, 2, 0])); // contempt
        Assert.Equal(-1, FerPlusVotes.Majority([0, 0, 0, 0, 0, 0, 0, 0, 0, 10])); // not a face
        Assert.False(FerPlusVotes.TryDistribution([0, 0, 0, 0, 0, 0, 0, 10, 0, 0], shares));
        Assert.False(FerPlusVotes.TryDistribution([], shares)); // FER+ has no image
    }

    [Fact]
    public void A_header_without_the_vote_columns_is_refused_by_name()
    {
        var (ex, path) = Refusal("file\tneutral\thappiness\nangry/a.jpg\t5\t5\n");
        Assert.Contains("line 1", ex.Message);
        Assert.Contains("surprise", ex.Message);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_columns_is_refused_with_its_line()
    {
        var ex = Refusal($"{Header}\nangry/a.jpg\tangry\t1\t0\t0\t0\t9\t0\t0\t0\t0\t0\t1.0\nangry/b.jpg\tangry\t1\t0\t0\n").Error;
        Assert.Contains("line 3", ex.Message);
        Assert.Contains("expected 13 fields, found 5", ex.Message);
    }

    [Fact]
    public void A_vote_that_is_not_a_count_is_refused_with_its_column()
    {
        var ex = Refusal($"{Header}\nangry/a.jpg\tangry\t1\t0\t0\t0\tnine\t0\t0\t0\t0\t0\t1.0\n").Error;
        Assert.Contains("line 2", ex.Message);
        Assert.Contains("anger", ex.Message);
    }

    [Fact]
    public void A_file_name_that_is_not_in_the_data_set_is_refused_with_its_line()
    {
        using var dir = new TempDirectory();
        var classDir = Directory.CreateDirectory(dir.Combine("train", "angry")).FullName;
        var source = Directory.GetFiles(Path.Combine(RepoPaths.Fer2013, "train", "angry")).Order(StringComparer.Ordinal).First();
        File.Copy(source, Path.Combine(classDir, "a.jpg"));
        var path = dir.Combine("train-votes.tsv");
        File.WriteAllText(path, $"{Header}\nangry/a.jpg\tangry\t1\t0\t0\t0\t9\t0\t0\t0\t0\t0\t1.0\nangry/missing.jpg\tangry\t0\t0\t0\t0\t10\t0\t0\t0\t0\t0\t1.0\n");
        var faces = ImageFolderReader.Read(dir.Path, FerSplit.Train);
        var ex = Assert.Throws<UserInputException>(() => VotedFaces.Join(faces, FerPlusVotesReader.Read(dir.Path, FerSplit.Train)));
        Assert.Contains("line 3", ex.Message);
        Assert.Contains("'angry/missing.jpg' is not in the data set", ex.Message);
    }

    [Fact]
    public void FERPlus_own_csv_joins_fer2013_csv_row_by_row()
    {
        using var dir = new TempDirectory();
        var pixels = string.Join(' ', Enumerable.Repeat("128", 2304));
        File.WriteAllText(dir.Combine("fer2013.csv"),
            $"emotion,pixels,Usage\n0,{pixels},Training\n3,{pixels},PublicTest\n6,{pixels},Training\n");
        File.WriteAllText(dir.Combine("fer2013new.csv"),
            "Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF\n" +
            "Training,fer0000000.png,0,0,0,0,10,0,0,0,0,0\n" +
            "PublicTest,fer0000001.png,1,9,0,0,0,0,0,0,0,0\n" +
            "Training,fer0000002.png,8,0,0,2,0,0,0,0,0,0\n");
        var train = ImageSetFromCsv(dir.Combine("fer2013.csv"), FerSplit.Train);
        var voted = VotedFaces.Join(train, FerPlusVotesReader.Read(dir.Combine("fer2013new.csv"), FerSplit.Train));
        Assert.Equal(["row 0", "row 2"], voted.Faces.Names);
        Assert.Equal([EmotionLabels.IndexOf("angry"), EmotionLabels.IndexOf("neutral")], voted.Majority);
        Assert.Equal(0.2f, voted.Targets[7 + EmotionLabels.IndexOf("sad")], 6);

        var test = ImageSetFromCsv(dir.Combine("fer2013.csv"), FerSplit.PublicTest);
        var votedTest = VotedFaces.Join(test, FerPlusVotesReader.Read(dir.Combine("fer2013new.csv"), FerSplit.PublicTest));
        Assert.Equal([EmotionLabels.IndexOf("happy")], votedTest.Majority);
    }

    private static FaceDataset ImageSetFromCsv(string path, FerSplit split) => Fer2013CsvReader.Read(path, split);

    [Fact]
    public void Names_survive_the_dataset_cache()
    {
        using var dir = new TempDirectory();
        var cache = dir.Combine("cache");
        var first = DatasetLoader.Load(RepoPaths.Fer2013, FerSplit.PublicTest, cache);
        var second = DatasetLoader.Load(RepoPaths.Fer2013, FerSplit.PublicTest, cache);
        Assert.Equal(first.Names, second.Names);
        Assert.StartsWith("angry/", first.Names[0]);
    }

    /// <summary>Reads a votes file holding <paramref name="text"/>, which must be refused: the refusal and the file's path.</summary>
    private static (UserInputException Error, string Path) Refusal(string text)
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("votes.tsv");
        File.WriteAllText(path, text);
        return (Assert.Throws<UserInputException>(() => FerPlusVotesReader.Read(path, FerSplit.Train)), path);
    }
}
