using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Daemon.Classification;
using EdgeEmotion.Daemon.Visits;

namespace EdgeEmotion.Daemon.Tests.Tracking;

/// <summary>Detector, classifier, tracker and visits on the real clips (../shared/data/clips,
/// about 12 frames/s, people counted by eye in its README), in media time.</summary>
public class RealClipTests
{
    private const double ClipFps = 12;
    private static readonly DateTimeOffset PlayStart = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_woman_turning_her_head_is_one_visit()
    {
        var (visits, frames, _) = Play("head-pose-face-detection-female", new VisitsOptions());
        var visit = Assert.Single(visits);
        AssertDwellNearVisibleTime(visit, frames);
        // She starts and ends turned away (head yaw beyond 30 degrees) and faces the camera in between.
        Assert.InRange(visit.AttentionSeconds / visit.DwellSeconds, 0.2, 0.8);
    }

    [Fact]
    public void The_smiling_man_is_one_happy_visit()
    {
        var (visits, frames, _) = Play("head-pose-face-detection-male", new VisitsOptions());
        var visit = Assert.Single(visits);
        AssertDwellNearVisibleTime(visit, frames);
        Assert.Equal("happy", visit.EmotionName);
        Assert.Equal(visit.DwellSeconds, visit.EmotionSeconds.Sum(), 6);
    }

    [Fact]
    public void The_walking_pair_is_two_visits()
    {
        // Their faces are large enough for YuNet only in the last second, the woman's for about
        // half a second (frames 29-34): the default Visits:MinDwellSeconds of 1 s would drop both.
        var (visits, _, tooShort) = Play("face-demographics-walking", new VisitsOptions { MinDwellSeconds = 0.3 });
        Assert.Equal(2, visits.Count);
        Assert.Equal(0, tooShort);
    }

    private static void AssertDwellNearVisibleTime(Visit visit, int frames)
    {
        // The face is in sight from the first to the last frame.
        var visible = (frames - 1) / ClipFps;
        Assert.True(Math.Abs(visit.DwellSeconds - visible) <= 0.15 * visible, $"dwell {visit.DwellSeconds:F2} s, visible {visible:F2} s");
    }

    internal static (IReadOnlyList<Visit> Visits, int Frames, long TooShort) Play(string clip, VisitsOptions options)
    {
        var tracking = new TrackingOptions();
        using var detector = new YuNetDetector(Path.Combine(RepoPaths.Models, "yunet-n-dynamic.onnx"), new DetectorOptions(), tracking.LowScoreThreshold);
        using var classifier = new EmotionClassifier(EmotionModel.Load(Path.Combine(RepoPaths.Models, "emotion-int8.onnx"), 1), new FacePreprocessor(new ModelOptions().Margin));
        var visitors = new VisitorTracking(tracking, options);
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Shared, "data", "clips", clip), "*.jpg").Order(StringComparer.Ordinal).ToList();
        var visits = new List<Visit>();
        for (var k = 0; k < files.Count; k++)
        {
            var frame = ImageDecoder.ReadGray(files[k]);
            var faces = detector.Detect(frame);
            visits.AddRange(visitors.Analyse(faces, classifier.Classify(frame, faces), PlayStart + TimeSpan.FromSeconds(k / ClipFps)).Finished);
        }
        visits.AddRange(visitors.EndAll());
        foreach (var v in visits)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{clip}: track {v.TrackId}, {v.DwellSeconds:F2} s, attention {v.AttentionSeconds:F2} s, {v.Frames} frames, {v.EmotionName} (mean {string.Join(" ", v.MeanProbabilities.Select(p => p.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))})");
        }
        return (visits, files.Count, visitors.VisitsTooShort);
    }
}
