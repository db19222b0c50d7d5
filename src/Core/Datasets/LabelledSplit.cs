namespace EdgeEmotion.Core.Datasets;

/// <summary>The faces a model is measured on: one split, labelled by FER2013 or, given FER+ votes,
/// by the crowd's plurality (faces without one left out).</summary>
public sealed record LabelledSplit(FaceDataset Faces, FerSplit Split, bool FerPlus)
{
    public string LabelsName => FerPlus ? "FER+ plurality labels" : "FER2013 labels";

    /// <param name="split">As typed on the command line (<see cref="FerSplitNames.Parse"/>).</param>
    /// <param name="votes">FER+ votes (folder or fer2013new.csv), or null for FER2013's labels.</param>
    public static LabelledSplit Load(string data, string split, string? cache, string? votes)
    {
        var splitValue = FerSplitNames.Parse(split);
        var dataset = DatasetLoader.Load(data, splitValue, cache);
        return votes is null
            ? new LabelledSplit(dataset, splitValue, FerPlus: false)
            : new LabelledSplit(VotedFaces.Join(dataset, FerPlusVotesReader.Read(votes, splitValue)).MajorityLabelled(), splitValue, FerPlus: true);
    }
}
