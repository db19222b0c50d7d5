using EdgeEmotion.Core.Labels;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.Tracking;

namespace EdgeEmotion.Daemon.Visits;

/// <summary>
/// Turns the tracker's frames into visits: one per confirmed track, from its first to its last
/// sighting (frame time). Tentative tracks that never confirm leave no trace. A visit shorter than
/// <c>Visits:MinDwellSeconds</c> is counted (<see cref="VisitsTooShort"/>) and not returned. Feeds
/// the window's <see cref="WindowVisitors"/>. Not thread-safe (one analysis loop), except the
/// counters, which the stats timer may read.
/// </summary>
internal sealed class VisitBook(VisitsOptions visits, TrackingOptions tracking, WindowVisitors window)
{
    private readonly Dictionary<int, OpenVisit> _open = [];
    private readonly VisitEnds _ends = new(visits);

    /// <summary>Confirmed visits that ended shorter than <c>Visits:MinDwellSeconds</c>.</summary>
    public long VisitsTooShort => _ends.TooShort;

    /// <summary>Visits that ended long enough to publish.</summary>
    public long VisitsFinished => _ends.Finished;

    /// <param name="probabilities">Rows of <see cref="EmotionLabels.Count"/> probabilities, row i for
    /// detection i of the list the tracker was given (every tracked detection needs its row).</param>
    public VisitFrame Record(TrackerFrame frame, ReadOnlySpan<float> probabilities)
    {
        var finished = End(frame.Ended);
        var live = new List<LiveFace>();
        foreach (var face in frame.Faces)
        {
            var row = FaceProbabilities.RowOf(probabilities, face.DetectionIndex);
            var looking = HeadYaw.IsLooking(face.Detection, visits.AttentionYawDegrees);
            if (!_open.TryGetValue(face.TrackId, out var visit))
            {
                visit = new OpenVisit(face.TrackId, frame.Time, tracking.LostSeconds, visits.SmoothingSeconds);
                _open.Add(face.TrackId, visit);
            }
            visit.Sight(frame.Time, row, looking, face.Confirmed, window);
            if (face.Confirmed)
            {
                var smoothed = visit.Smoothed;
                var emotion = TopClass.Of<double>(smoothed);
                live.Add(new LiveFace(face.TrackId, face.Detection.Box, emotion, smoothed[emotion], looking));
            }
        }
        return new VisitFrame(finished, live);
    }

    /// <summary>Ends the visits of these tracks (from <see cref="FaceTracker.EndAll"/> at shutdown,
    /// or a frame's ended tracks); returns those long enough to publish.</summary>
    public IReadOnlyList<Visit> End(IReadOnlyList<EndedTrack> ended)
    {
        var finished = new List<Visit>();
        foreach (var track in ended)
        {
            if (!_open.Remove(track.TrackId, out var visit) || !visit.Confirmed)
            {
                continue;
            }
            _ends.End(visit.Finish(), finished);
        }
        return finished;
    }
}
