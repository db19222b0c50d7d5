namespace EdgeEmotion.Training.Data;

/// <summary>The faces a run trains and validates on, from its options: with FER+ votes, the
/// vote shares of the training split minus a seeded held-out part (validated by plurality
/// label); without, FER2013's labels with PublicTest for validation. Calibration after
/// training calls this again to find the same held-out faces.</summary>
public static class TrainingData
{
    public static (TrainingExamples Train, FaceTensors Validation, int LeftOut) Load(TrainOptions options, string? cacheDirectory, Action<string> log)
    {
        var train = DatasetLoader.Load(options.Data, FerSplit.Train, cacheDirectory);
        if (options.Votes is { } votesPath)
        {
            var voted = VotedFaces.Join(train, FerPlusVotesReader.Read(votesPath, FerSplit.Train));
            log($"FER+ votes: {voted.Count:N0} faces with emotion votes; {voted.WithoutEmotionVotes:N0} left out (no votes, or only contempt, unknown or not a face).");
            if (options.LimitPerClass > 0)
            {
                voted = voted.Select(voted.Faces.SamplePerClassIndices(options.LimitPerClass, options.Seed));
            }
            var (trainPart, heldOut) = Holdout.Split(voted.Count, options.Holdout, options.Seed);
            log($"Held out for validation and calibration: {heldOut.Length:N0} training faces ({options.Holdout:P0}); PublicTest is not used.");
            return (TrainingExamples.FromVotes(voted.Select(trainPart)), new FaceTensors(voted.Select(heldOut).MajorityLabelled()), voted.WithoutEmotionVotes);
        }
        var val = DatasetLoader.Load(options.Data, FerSplit.PublicTest, cacheDirectory);
        if (options.LimitPerClass > 0)
        {
            train = train.SamplePerClass(options.LimitPerClass, options.Seed);
            val = val.SamplePerClass(options.LimitPerClass, options.Seed);
        }
        return (TrainingExamples.OneHot(train), new FaceTensors(val), 0);
    }
}
