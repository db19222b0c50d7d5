using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Daemon.Aggregation;
using EdgeEmotion.Daemon.Analysis;
using EdgeEmotion.Daemon.Classification;
using EdgeEmotion.Daemon.Diagnostics;
using EdgeEmotion.Daemon.People;
using EdgeEmotion.Daemon.Publishing;
using EdgeEmotion.Daemon.Publishing.Payloads;
using EdgeEmotion.Daemon.Visits;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeEmotion.Daemon.Tests.People;

/// <summary>Plays a clip (about 12 frames/s, media time) through the <see cref="FrameAnalyzer"/>
/// with the daemon's stages at their defaults, people on or off, motion gating off unless asked
/// (on a fake clock that does not move, so that only motion decides and the result does not depend
/// on the test machine's speed); returns the finished visits and windows.</summary>
internal static class PeopleClipPlayer
{
    public const double ClipFps = 12;
    public static readonly DateTimeOffset PlayStart = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public sealed record Result(IReadOnlyList<Visit> Visits, WindowVisitorsSummary Window, int Frames);

    public static string Clip(string name) => Path.Combine(RepoPaths.Shared, "data", "clips", name);

    public static IReadOnlyList<string> FrameFiles(string clip) =>
        [.. Directory.GetFiles(Clip(clip), "*.jpg").Order(StringComparer.Ordinal)];

    public static Result Play(IReadOnlyList<GrayImage> frames, bool people, VisitsOptions? visitsOptions = null, bool motionGating = false)
    {
        var tracking = new TrackingOptions();
        var visits = visitsOptions ?? new VisitsOptions();
        var clock = new FakeTimeProvider(PlayStart);
        using var detector = new YuNetDetector(Path.Combine(RepoPaths.Models, "yunet-n-dynamic.onnx"), new DetectorOptions(), tracking.LowScoreThreshold);
        using var classifier = new EmotionClassifier(EmotionModel.Load(Path.Combine(RepoPaths.Models, "emotion-int8.onnx"), 1), new FacePreprocessor(new ModelOptions().Margin));
        var peopleOptions = new PeopleOptions();
        using var stage = people
            ? new PersonStage(new NanoDetPersonDetector(PersonRecallTests.Model, (float)peopleOptions.MinScore, (float)tracking.LowScoreThreshold), peopleOptions.Fps)
            : PersonStage.Off;
        var visitors = new VisitorTracking(tracking, visits, people);
        var queued = new RecordedVisits();
        var analyzer = new FrameAnalyzer(detector, classifier, stage, new WindowAggregator(TimeSpan.FromSeconds(60), clock), visitors, queued,
            new LiveFaces(), new PipelineStats(visitors, clock), new DetectorOptions { MotionGating = motionGating }, clock, NullLogger<FrameAnalyzer>.Instance);
        for (var k = 0; k < frames.Count; k++)
        {
            analyzer.Analyse(frames[k], PlayStart + TimeSpan.FromSeconds(k / ClipFps));
        }
        analyzer.EndAll();
        foreach (var v in queued.Visits)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"people {(people ? "on" : "off")}: visitor {v.TrackId}, {v.Start - PlayStart:ss\\.fff}..{v.End - PlayStart:ss\\.fff}, dwell {v.DwellSeconds:F2} s, face {v.FaceSeconds:F2} s, attention {v.AttentionSeconds:F2} s, {v.Frames} frames, {(v.HasFace ? v.EmotionName : "no face")}, looked {v.Looked}");
        }
        return new Result(queued.Visits, visitors.Window.Close(), frames.Count);
    }

    public static Result Play(string clip, bool people, VisitsOptions? visits = null, bool motionGating = false) =>
        Play([.. FrameFiles(clip).Select(ImageDecoder.ReadGray)], people, visits, motionGating);
}
