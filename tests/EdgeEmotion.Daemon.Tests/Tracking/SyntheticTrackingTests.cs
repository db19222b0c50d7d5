namespace EdgeEmotion.Daemon.Tests.Tracking;

/// <summary>The tracker on rendered sequences of real faces, through the real detector.</summary>
public class SyntheticTrackingTests(ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlyList<FaceCrop>> Faces = new(() =>
        SyntheticScene.LoadFaces(RepoPaths.Faces, Path.Combine(RepoPaths.Models, "yunet-n-dynamic.onnx"), 10));

    public static TheoryData<string, double> Cases()
    {
        var data = new TheoryData<string, double>();
        foreach (var sequence in SyntheticScene.Sequences)
        {
            foreach (var fps in new[] { 5.0, 10.0, 15.0 })
            {
                data.Add(sequence.Name, fps);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tracks_keep_their_identity_and_count_each_visitor_once(string name, double fps)
    {
        var tracking = new TrackingOptions();
        using var detector = new YuNetDetector(Path.Combine(RepoPaths.Models, "yunet-n-dynamic.onnx"), new DetectorOptions(), tracking.LowScoreThreshold);
        var sequence = SyntheticScene.Sequences.Single(s => s.Name == name);
        var result = SyntheticRun.Run(sequence, Faces.Value, fps, detector, tracking, new VisitsOptions());
        var s = result.Score;
        output.WriteLine($"{name} at {fps} fps: IDF1 {s.Idf1:F3}, IDTP {s.IdTruePositives}, IDFN {s.IdFalseNegatives}, IDFP {s.IdFalsePositives}, ID switches {s.IdSwitches}, visits {result.Visits} of {result.ExpectedVisits}");
        Assert.Equal(result.ExpectedVisits, result.Visits);
        Assert.True(s.Idf1 >= (fps >= 15 ? 0.95 : 0.90), $"IDF1 {s.Idf1:F3} at {fps} fps");
        Assert.True(s.TruthBoxes > 10 * sequence.Visitors, $"only {s.TruthBoxes} true boxes: the scene lost its faces");
    }
}
