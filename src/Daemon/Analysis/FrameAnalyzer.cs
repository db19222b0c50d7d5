using EdgeEmotion.Daemon.Aggregation;
using EdgeEmotion.Daemon.Classification;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Diagnostics;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.People;
using EdgeEmotion.Daemon.Publishing.Payloads;
using EdgeEmotion.Daemon.Visits;

namespace EdgeEmotion.Daemon.Analysis;

/// <summary>
/// One frame's way through the stages: the motion gate, face detection, classification, the
/// person stage when due (<see cref="PersonStage"/>), the window's counts, tracking into visits, finished visits to their queue and the live faces.
/// With motion gating a frame that shows the same picture as the last analysed one counts that
/// frame's result again instead (<see cref="MotionGate"/>). The frame time (capture or media
/// time) drives tracking and paces the person stage; <paramref name="clock"/> only times the
/// stages and paces the gate's refresh. Not thread-safe: one analysis loop calls it (Hosting's <c>PipelineService</c>).
/// </summary>
internal sealed partial class FrameAnalyzer(
    IFaceDetector detector,
    EmotionClassifier classifier,
    PersonStage people,
    WindowAggregator aggregator,
    VisitorTracking visitors,
    IVisitSink visitSink,
    LiveFaces liveFaces,
    PipelineStats stats,
    DetectorOptions gating,
    TimeProvider clock,
    ILogger<FrameAnalyzer> logger)
{
    private readonly MotionGate? _gate = gating.MotionGating ? new MotionGate(gating.MotionThreshold, TimeSpan.FromSeconds(gating.MotionRefreshSeconds)) : null;
    private float[]? _lastCounted;

    /// <param name="time">Frame time: capture time (camera, stream) or media time (file, folder).</param>
    public FrameOutcome Analyse(GrayImage frame, DateTimeOffset time)
    {
        var start = clock.GetTimestamp();
        if (_gate is not null && !_gate.ShouldAnalyse(frame, clock.GetElapsedTime(0, start)) && _lastCounted is not null)
        {
            // The same picture as the last analysed frame: the same faces with the same
            // emotions, and a sighting of the same visitors at this frame's time. The person stage
            // keeps its own rate: people who stand still are still looked for.
            aggregator.AddFrame(_lastCounted);
            IReadOnlyList<DetectedFace>? reusedBodies;
            try
            {
                reusedBodies = DetectPeople(frame, time);
            }
            catch (InvalidDataException ex)
            {
                stats.Malformed();
                LogMalformedFrame(logger, ex.Message);
                return FrameOutcome.Malformed;
            }
            Publish(visitors.Repeat(time, reusedBodies), time, frame);
            stats.Reused();
            return FrameOutcome.Reused;
        }
        AnalysedFaces analysed;
        double detectMs;
        var peopleMs = 0.0;
        IReadOnlyList<DetectedFace>? bodies;
        try
        {
            var faces = detector.Detect(frame);
            detectMs = clock.GetElapsedTime(start).TotalMilliseconds;
            analysed = AnalysedFaces.KeepValid(faces, classifier.Classify(frame, faces));
            var peopleStart = clock.GetTimestamp();
            bodies = DetectPeople(frame, time);
            peopleMs = bodies is null ? 0 : clock.GetElapsedTime(peopleStart).TotalMilliseconds;
        }
        catch (InvalidDataException ex)
        {
            stats.Malformed();
            LogMalformedFrame(logger, ex.Message);
            _gate?.Forget();
            return FrameOutcome.Malformed;
        }
        if (analysed.Invalid > 0)
        {
            // A model that outputs NaN for some faces: they are counted in stats, never published.
            stats.InvalidFaces(analysed.Invalid);
        }
        // Window counts are per high-score face, as before visits existed; the tracker also
        // gets the low-score ones (a tilted head), which only continue a visit.
        var counted = analysed.HighScoreProbabilities();
        aggregator.AddFrame(counted);
        _lastCounted = counted;
        Publish(visitors.Analyse(analysed.Faces, analysed.Probabilities, time, bodies), time, frame);
        var totalMs = clock.GetElapsedTime(start).TotalMilliseconds;
        stats.Analysed(detectMs, totalMs - detectMs - peopleMs);
        return FrameOutcome.Analysed;
    }

    /// <summary>The person stage when it is due on this frame (timed into stats); null otherwise.</summary>
    private IReadOnlyList<DetectedFace>? DetectPeople(GrayImage frame, DateTimeOffset time)
    {
        var start = clock.GetTimestamp();
        var bodies = people.DetectIfDue(frame, time);
        if (bodies is not null)
        {
            stats.PeopleDetected(clock.GetElapsedTime(start).TotalMilliseconds);
        }
        return bodies;
    }

    /// <summary>Ends every open visit at its last sighting and queues those long enough
    /// (stopping, or the end of a recording).</summary>
    public void EndAll() => visitSink.Enqueue(visitors.EndAll());

    private void Publish(VisitFrame result, DateTimeOffset time, GrayImage frame)
    {
        if (result.Finished.Count > 0)
        {
            visitSink.Enqueue(result.Finished);
        }
        liveFaces.Update(time, frame.Width, frame.Height, result.Faces, result.People);
    }

    [LoggerMessage(0, LogLevel.Debug, "Skipped a malformed frame: {Reason}")]
    private static partial void LogMalformedFrame(ILogger logger, string reason);
}
