using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Daemon.Aggregation;
using EdgeEmotion.Daemon.Analysis;
using EdgeEmotion.Daemon.Classification;
using EdgeEmotion.Daemon.Diagnostics;
using EdgeEmotion.Daemon.People;
using EdgeEmotion.Daemon.Publishing.Payloads;
using EdgeEmotion.Daemon.Visits;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeEmotion.Daemon.Tests.Analysis;

/// <summary>
/// The frame chain without a host: a scripted face detector on a fake clock, the real emotion
/// model. Frame time (what tracking reads) and the clock (what the motion gate's refresh and the
/// stage timings read) are set apart, so each is seen to drive only its own part.
/// </summary>
public sealed class FrameAnalyzerTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly OutboxHealth NoOutbox = new(0, 0, 0, 0, 0, 0, 0, 0, 0);
    private static readonly DetectedFace Face = new(new FaceBox(200, 120, 90, 110), 0.9f);

    private readonly FakeTimeProvider _clock = new(T0);
    private readonly ScriptedFaceDetector _detector;
    private readonly EmotionClassifier _classifier = new(EmotionModel.Load(Path.Combine(RepoPaths.Models, "emotion-int8.onnx"), 1), new FacePreprocessor(0.1f));
    private readonly WindowAggregator _windows;
    private readonly VisitorTracking _visitors = new(new TrackingOptions(), new VisitsOptions());
    private readonly RecordedVisits _queued = new();
    private readonly LiveFaces _live = new();
    private readonly PipelineStats _stats;

    public FrameAnalyzerTests()
    {
        _detector = new ScriptedFaceDetector(_clock);
        _windows = new WindowAggregator(TimeSpan.FromSeconds(10), _clock);
        _stats = new PipelineStats(_visitors, _clock);
    }

    public void Dispose() => _classifier.Dispose();

    private FrameAnalyzer Analyzer(bool motionGating = true, double refreshSeconds = 2) => new(
        _detector, _classifier, PersonStage.Off, _windows, _visitors, _queued, _live, _stats,
        new DetectorOptions { MotionGating = motionGating, MotionRefreshSeconds = refreshSeconds }, _clock, NullLogger<FrameAnalyzer>.Instance);

    private static GrayImage Picture(byte shade) => new(320, 240, Enumerable.Repeat(shade, 320 * 240).ToArray());

    [Fact]
    public void A_still_picture_is_reused_until_the_gates_refresh_passes_on_the_clock_not_in_frame_time()
    {
        var analyzer = Analyzer(refreshSeconds: 2);
        _detector.Faces = [Face];
        var still = Picture(90);

        Assert.Equal(FrameOutcome.Analysed, analyzer.Analyse(still, T0));
        // Ten seconds of frame time but no time on the clock: every frame reuses the first result.
        for (var i = 1; i <= 10; i++)
        {
            Assert.Equal(FrameOutcome.Reused, analyzer.Analyse(still, T0.AddSeconds(i)));
        }
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(FrameOutcome.Analysed, analyzer.Analyse(still, T0.AddSeconds(11)));

        Assert.Equal(2, _detector.Calls);
        var window = _windows.CloseIfDue(force: true)!;
        Assert.Equal(12, window.Frames);
        Assert.Equal(12, window.Faces); // the reused frames count the same face
        var snapshot = _stats.Snapshot(NoOutbox, _clock.GetUtcNow());
        Assert.Equal((12L, 10L), (snapshot.FramesAnalysed, snapshot.FramesReused));
    }

    [Fact]
    public void A_changed_picture_is_analysed_and_without_gating_every_frame_is()
    {
        var gated = Analyzer();
        Assert.Equal(FrameOutcome.Analysed, gated.Analyse(Picture(90), T0));
        Assert.Equal(FrameOutcome.Analysed, gated.Analyse(Picture(160), T0.AddSeconds(0.1)));

        var ungated = Analyzer(motionGating: false);
        Assert.Equal(FrameOutcome.Analysed, ungated.Analyse(Picture(90), T0.AddSeconds(0.2)));
        Assert.Equal(FrameOutcome.Analysed, ungated.Analyse(Picture(90), T0.AddSeconds(0.3)));
        Assert.Equal(4, _detector.Calls);
    }

    [Fact]
    public void Stage_times_are_read_off_the_clock()
    {
        var analyzer = Analyzer(motionGating: false);
        _detector.Faces = [Face];
        _detector.Cost = TimeSpan.FromMilliseconds(7);
        for (var i = 0; i < 3; i++)
        {
            analyzer.Analyse(Picture(90), T0.AddSeconds(i / 10.0));
        }
        var snapshot = _stats.Snapshot(NoOutbox, _clock.GetUtcNow());
        Assert.Equal(7, snapshot.DetectMsP50);
        Assert.Equal(0, snapshot.ClassifyMsP50); // the model ran, the fake clock did not move
    }

    [Fact]
    public void A_face_seen_then_gone_longer_than_lost_seconds_is_one_visit_queued_with_its_frame_times()
    {
        var analyzer = Analyzer(motionGating: false);
        var lost = new TrackingOptions().LostSeconds;
        _detector.Faces = [Face];
        for (var i = 0; i <= 30; i++)
        {
            analyzer.Analyse(Picture(90), T0.AddSeconds(i / 10.0));
        }
        Assert.Empty(_queued.Visits);
        Assert.Single(_live.Take()!.Faces);

        _detector.Faces = [];
        analyzer.Analyse(Picture(90), T0.AddSeconds(3 + lost + 0.1));
        var visit = Assert.Single(_queued.Visits);
        Assert.Equal((T0, T0.AddSeconds(3)), (visit.Start, visit.End));
        Assert.Equal(31, visit.Frames);
        Assert.Empty(_live.Take()!.Faces); // the page is told to clear its boxes
    }

    [Fact]
    public void Visits_open_at_the_end_are_queued_by_EndAll()
    {
        var analyzer = Analyzer(motionGating: false);
        _detector.Faces = [Face];
        for (var i = 0; i <= 20; i++)
        {
            analyzer.Analyse(Picture(90), T0.AddSeconds(i / 10.0));
        }
        analyzer.EndAll();
        Assert.Equal(T0.AddSeconds(2), Assert.Single(_queued.Visits).End);
    }

    [Fact]
    public void A_malformed_frame_is_counted_and_skipped_and_the_next_frame_is_analysed_whatever_it_shows()
    {
        var analyzer = Analyzer();
        var still = Picture(90);
        Assert.Equal(FrameOutcome.Analysed, analyzer.Analyse(still, T0));
        _detector.NextIsMalformed = true;
        _clock.Advance(TimeSpan.FromSeconds(5)); // past the refresh: this one goes to the detector
        Assert.Equal(FrameOutcome.Malformed, analyzer.Analyse(still, T0.AddSeconds(0.1)));
        Assert.Equal(FrameOutcome.Analysed, analyzer.Analyse(still, T0.AddSeconds(0.2)));
        var snapshot = _stats.Snapshot(NoOutbox, _clock.GetUtcNow());
        Assert.Equal(1, snapshot.FramesMalformed);
        Assert.Equal(2, snapshot.FramesAnalysed);
    }
}
