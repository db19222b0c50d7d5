using EdgeEmotion.Core.Labels;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.Tracking;

namespace EdgeEmotion.Daemon.Visits;

/// <summary>
/// Visits as people (the person stage on): a second tracker follows bodies; each face track is
/// attached to the person whose body box holds the face's centre in its upper part, so a visit is
/// a person with or without a face (<see cref="PersonVisit"/>). A face no body holds is a visitor
/// of its own, as with people off, until a body is found around it, which then takes it over.
/// Bodies come only on the frames the person stage ran (a few a second); faces attach to the last
/// body boxes in between. Not thread-safe (one analysis loop), except the counters.
/// </summary>
/// <param name="peopleFps">Person-stage runs per second (<c>People:Fps</c>): bodies are tracked by
/// <see cref="TrackRules.Bodies"/> at that rate.</param>
internal sealed class PeopleTracking(TrackingOptions tracking, VisitsOptions visits, WindowVisitors window, double peopleFps)
{
    // The head is in the top half of a person's box whether the person is seen whole or cut off
    // at the waist by the frame's bottom edge (someone close to the screen).
    private const double HeadPart = 0.5;

    private readonly FaceTracker _faceTracker = new(tracking);
    private readonly FaceTracker _bodyTracker = new(tracking, TrackRules.Bodies.ForRate(peopleFps));
    private readonly Dictionary<int, OpenVisit> _faces = [];
    private readonly Dictionary<int, PersonVisit> _ownerOfFace = [];
    private readonly Dictionary<int, PersonVisit> _personOfBody = [];
    private readonly HashSet<PersonVisit> _open = [];
    private IReadOnlyList<TrackedFace> _bodies = [];
    private int _nextKey = 1;
    private readonly VisitEnds _ends = new(visits);

    public long VisitsTooShort => _ends.TooShort;

    public long VisitsFinished => _ends.Finished;

    /// <summary>Confirmed people being followed now (read it from the analysis loop).</summary>
    public int ActiveVisitors => _open.Count(p => p.Confirmed);

    /// <param name="bodies">The person detector's boxes when it ran on this frame; null when it did not.</param>
    public VisitFrame Record(TrackerFrame faces, ReadOnlySpan<float> probabilities, TrackerFrame? bodies)
    {
        var finished = new List<Visit>();
        if (bodies is not null)
        {
            RecordBodies(bodies, finished);
        }
        EndFaces(faces.Ended, finished);
        var live = new List<LiveFace>();
        foreach (var face in faces.Faces)
        {
            var row = FaceProbabilities.RowOf(probabilities, face.DetectionIndex);
            var looking = HeadYaw.IsLooking(face.Detection, visits.AttentionYawDegrees);
            if (!_faces.TryGetValue(face.TrackId, out var visit))
            {
                visit = new OpenVisit(face.TrackId, faces.Time, tracking.LostSeconds, visits.SmoothingSeconds) { ReportsNew = false };
                _faces.Add(face.TrackId, visit);
            }
            var person = Owner(face, faces.Time);
            visit.WindowKey = person.Key;
            visit.CountsDwell = person.BodyGone;
            person.Extend(faces.Time);
            if (face.Confirmed)
            {
                person.Confirm(window);
            }
            visit.Sight(faces.Time, row, looking, face.Confirmed, window);
            if (face.Confirmed)
            {
                var smoothed = visit.Smoothed;
                var emotion = TopClass.Of<double>(smoothed);
                live.Add(new LiveFace(face.TrackId, face.Detection.Box, emotion, smoothed[emotion], looking));
            }
        }
        foreach (var body in _bodies)
        {
            if (_personOfBody.TryGetValue(body.TrackId, out var person))
            {
                // As long as the body track can go unseen: the visit's dwell spans that gap too.
                person.InView(faces.Time, _bodyTracker.LostSeconds, window);
            }
        }
        return new VisitFrame(finished, live) { People = LivePeople() };
    }

    public TrackerFrame UpdateFaces(IReadOnlyList<DetectedFace> faces, DateTimeOffset time) => _faceTracker.Update(faces, time);

    public TrackerFrame RepeatFaces(DateTimeOffset time) => _faceTracker.Repeat(time);

    public TrackerFrame UpdateBodies(IReadOnlyList<DetectedFace> bodies, DateTimeOffset time) => _bodyTracker.Update(bodies, time);

    public TrackerFrame RepeatBodies(DateTimeOffset time) => _bodyTracker.Repeat(time);

    /// <summary>Ends every body and face track and so every visit (shutdown); returns those to publish.</summary>
    public IReadOnlyList<Visit> EndAll()
    {
        var finished = new List<Visit>();
        EndBodies(_bodyTracker.EndAll(), finished);
        EndFaces(_faceTracker.EndAll(), finished);
        _bodies = [];
        foreach (var person in _open.ToList())
        {
            Close(person, finished); // none should be left; a person is never kept without a track
        }
        return finished;
    }

    private void RecordBodies(TrackerFrame bodies, List<Visit> finished)
    {
        EndBodies(bodies.Ended, finished);
        _bodies = bodies.Faces;
        foreach (var body in bodies.Faces)
        {
            if (!_personOfBody.TryGetValue(body.TrackId, out var person))
            {
                person = new PersonVisit(_nextKey++, bodies.Time) { BodyTrackId = body.TrackId };
                _personOfBody.Add(body.TrackId, person);
                _open.Add(person);
            }
            person.SightBody(bodies.Time, body.Confirmed, window);
        }
    }

    private void EndBodies(IReadOnlyList<EndedTrack> ended, List<Visit> finished)
    {
        foreach (var track in ended)
        {
            if (!_personOfBody.Remove(track.TrackId, out var person))
            {
                continue;
            }
            person.BodyTrackId = null;
            if (person.Finished)
            {
                Close(person, finished);
            }
        }
    }

    private void EndFaces(IReadOnlyList<EndedTrack> ended, List<Visit> finished)
    {
        foreach (var track in ended)
        {
            if (!_faces.Remove(track.TrackId, out var visit) || !_ownerOfFace.Remove(track.TrackId, out var person))
            {
                continue;
            }
            person.FaceEnded(track.TrackId, visit.Confirmed ? visit.Finish() : null);
            if (person.Finished)
            {
                Close(person, finished);
            }
        }
    }

    /// <summary>The person a face belongs to: the one it was attached to, unless that was a face
    /// alone and a body now holds it; else the body holding it; else a new visitor by face.</summary>
    private PersonVisit Owner(TrackedFace face, DateTimeOffset time)
    {
        var holder = Holder(face.Detection.Box);
        if (_ownerOfFace.TryGetValue(face.TrackId, out var owner))
        {
            if (holder is null || holder == owner || owner.BodyTrackId is not null)
            {
                return owner;
            }
            // Followed by face alone until now: the body found around it takes the visit over.
            foreach (var faceTrack in owner.OpenFaces)
            {
                _ownerOfFace[faceTrack] = holder;
                holder.OpenFaces.Add(faceTrack);
            }
            holder.Absorb(owner);
            _open.Remove(owner);
            return holder;
        }
        owner = holder;
        if (owner is null)
        {
            owner = new PersonVisit(_nextKey++, time);
            _open.Add(owner);
        }
        owner.OpenFaces.Add(face.TrackId);
        _ownerOfFace.Add(face.TrackId, owner);
        return owner;
    }

    /// <summary>The person whose last body box holds the face's centre in its upper part (the
    /// smallest such box when several overlap).</summary>
    private PersonVisit? Holder(FaceBox face)
    {
        var cx = face.X + (face.Width / 2);
        var cy = face.Y + (face.Height / 2);
        PersonVisit? best = null;
        var bestArea = double.MaxValue;
        foreach (var body in _bodies)
        {
            var b = body.Detection.Box;
            var area = (double)b.Width * b.Height;
            if (cx >= b.X && cx <= b.X + b.Width && cy >= b.Y && cy <= b.Y + (HeadPart * b.Height) && area < bestArea
                && _personOfBody.TryGetValue(body.TrackId, out var person))
            {
                best = person;
                bestArea = area;
            }
        }
        return best;
    }

    private void Close(PersonVisit person, List<Visit> finished)
    {
        _open.Remove(person);
        if (!person.Confirmed)
        {
            return;
        }
        _ends.End(person.Finish(), finished);
    }

    private List<LivePerson> LivePeople() =>
        [.. _bodies.Where(b => b.Confirmed).Select(b => new LivePerson(b.TrackId, b.Detection.Box))];
}
