using EdgeEmotion.Daemon.Diagnostics;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.Tracking;

namespace EdgeEmotion.Daemon.Visits;

/// <summary>
/// The tracker and the visit book behind one call per frame, for the analysis loop. With people
/// (<see cref="PeopleTracking"/>) a visit is a person, followed by body with the face attached;
/// without, it is a face track, as before the person stage.
/// <see cref="Analyse"/> for an analysed frame (all detections the tracker should see, high- and
/// low-score, with one probability row each), <see cref="Repeat"/> for a frame the motion gate
/// reused (the same faces sighted again at the new time), <see cref="EndAll"/> at shutdown.
/// <see cref="Window"/> is closed by the window timer. Knows nothing of MQTT, JSON or hosting.
/// </summary>
internal sealed class VisitorTracking : IVisitorCounts
{
    private readonly FaceTracker _tracker;
    private readonly VisitBook _book;
    private readonly PeopleTracking? _people;
    private float[] _lastProbabilities = [];
    private int _activeVisitors;

    /// <param name="people">Visits are people (the person stage gives bodies to <see cref="Analyse"/>).</param>
    /// <param name="peopleFps">The person stage's runs per second (<c>People:Fps</c>); null: its default.</param>
    public VisitorTracking(TrackingOptions tracking, VisitsOptions visits, bool people = false, double? peopleFps = null)
    {
        _tracker = new FaceTracker(tracking);
        Window = new WindowVisitors();
        _book = new VisitBook(visits, tracking, Window);
        _people = people ? new PeopleTracking(tracking, visits, Window, peopleFps ?? new PeopleOptions().Fps) : null;
    }

    /// <summary>The <c>visitors</c> block of the current window (thread-safe; close it with each window).</summary>
    public WindowVisitors Window { get; }

    /// <summary>Visitors being followed now (<c>tracks_active</c>).</summary>
    public int ActiveVisitors => Volatile.Read(ref _activeVisitors);

    /// <summary>Visits ended long enough to publish, since start.</summary>
    public long VisitsFinished => _people?.VisitsFinished ?? _book.VisitsFinished;

    /// <summary>Visits ended shorter than <c>Visits:MinDwellSeconds</c> (<c>visits_too_short</c>).</summary>
    public long VisitsTooShort => _people?.VisitsTooShort ?? _book.VisitsTooShort;

    /// <param name="faces">The detector's faces, low-score ones included.</param>
    /// <param name="probabilities">[faces, 7], row i for face i.</param>
    /// <param name="frameTime">Capture time (camera, stream) or media time (file, folder).</param>
    /// <param name="bodies">With people: the person detector's boxes when it ran on this frame, else null.</param>
    public VisitFrame Analyse(IReadOnlyList<DetectedFace> faces, ReadOnlySpan<float> probabilities, DateTimeOffset frameTime, IReadOnlyList<DetectedFace>? bodies = null)
    {
        if (probabilities.Length != faces.Count * EmotionLabels.Count)
        {
            throw new ArgumentException($"probabilities: {probabilities.Length} values for {faces.Count} faces, expected {faces.Count * EmotionLabels.Count}.", nameof(probabilities));
        }
        _lastProbabilities = probabilities.ToArray();
        if (_people is not null)
        {
            var bodyFrame = bodies is null ? null : _people.UpdateBodies(bodies, frameTime);
            return Recorded(_people.Record(_people.UpdateFaces(faces, frameTime), probabilities, bodyFrame));
        }
        var frame = _tracker.Update(faces, frameTime);
        return Recorded(_book.Record(frame, probabilities));
    }

    /// <summary>A reused frame: the last analysed frame's faces (and people), sighted again at this time.</summary>
    /// <param name="bodies">With people: the person detector's boxes when it ran on this frame (it
    /// keeps its own rate whatever the motion gate says), else null: the last bodies sighted again.</param>
    public VisitFrame Repeat(DateTimeOffset frameTime, IReadOnlyList<DetectedFace>? bodies = null) => _people is null
        ? Recorded(_book.Record(_tracker.Repeat(frameTime), _lastProbabilities))
        : Recorded(_people.Record(_people.RepeatFaces(frameTime), _lastProbabilities, bodies is null ? _people.RepeatBodies(frameTime) : _people.UpdateBodies(bodies, frameTime)));

    /// <summary>Ends every open visit at its last sighting (shutdown); returns those to publish.</summary>
    public IReadOnlyList<Visit> EndAll()
    {
        var finished = _people?.EndAll() ?? _book.End(_tracker.EndAll());
        Volatile.Write(ref _activeVisitors, 0);
        return finished;
    }

    private VisitFrame Recorded(VisitFrame frame)
    {
        Volatile.Write(ref _activeVisitors, _people?.ActiveVisitors ?? _tracker.ConfirmedTracks);
        return frame;
    }
}
