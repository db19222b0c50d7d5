namespace EdgeEmotion.Daemon.Visits;

/// <summary>
/// One person's visit while the person stage is on: followed by body (a body track), with the
/// face tracks attached to it over time, or by face alone where no body holds the face. Time in
/// view runs from the first to the last sighting of either; the face figures (face-time,
/// attention, emotion) are the attached face tracks' (<see cref="OpenVisit"/>), summed when they
/// end. It ends when its body track has ended (or it never had one) and no attached face is open.
/// </summary>
internal sealed class PersonVisit(int key, DateTimeOffset start)
{
    private readonly List<Visit> _faceParts = [];
    private double _pendingSeconds;
    private DateTimeOffset? _lastInView;

    /// <summary>The visitor's number in windows and finished visits (local to the process).</summary>
    public int Key => key;

    public DateTimeOffset Start { get; private set; } = start;

    public DateTimeOffset Last { get; private set; } = start;

    public int? BodyTrackId { get; set; }

    /// <summary>A body that has ended, or none: the visit's time in view comes from its faces.</summary>
    public bool BodyGone => BodyTrackId is null;

    public HashSet<int> OpenFaces { get; } = [];

    /// <summary>Confirmed by its body track or one of its face tracks: a visitor.</summary>
    public bool Confirmed { get; private set; }

    public bool Finished => BodyGone && OpenFaces.Count == 0;

    /// <summary>Makes the person a visitor (once): new in the window, with the body time held back
    /// while it was tentative.</summary>
    public void Confirm(WindowVisitors window)
    {
        if (Confirmed)
        {
            return;
        }
        Confirmed = true;
        window.AddPresence(key, isNew: true, _pendingSeconds);
        _pendingSeconds = 0;
    }

    /// <summary>A sighting of the body at a run of the person stage.</summary>
    public void SightBody(DateTimeOffset time, bool confirmed, WindowVisitors window)
    {
        Extend(time);
        if (confirmed)
        {
            Confirm(window);
        }
    }

    /// <summary>The body is in view at this analysed frame (seen at the person stage's last run):
    /// the span since the previous frame (at most <paramref name="lostSeconds"/>) is time in view.
    /// Credited per frame, not per person-stage run, so that a window's dwell and the attention of
    /// the same frames fall into the same window.</summary>
    public void InView(DateTimeOffset time, double lostSeconds, WindowVisitors window)
    {
        var seconds = _lastInView is { } last ? Math.Clamp((time - last).TotalSeconds, 0, lostSeconds) : 0;
        _lastInView = time;
        Extend(time);
        if (Confirmed)
        {
            window.AddPresence(key, isNew: false, seconds);
        }
        else
        {
            _pendingSeconds += seconds;
        }
    }

    /// <summary>The visit lasts at least until <paramref name="time"/>.</summary>
    public void Extend(DateTimeOffset time)
    {
        if (time < Start)
        {
            Start = time;
        }
        if (time > Last)
        {
            Last = time;
        }
    }

    /// <summary>A finished face track of this person (null: it never became a visitor's face).</summary>
    public void FaceEnded(int faceTrackId, Visit? face)
    {
        OpenFaces.Remove(faceTrackId);
        if (face is not null)
        {
            _faceParts.Add(face);
            Extend(face.Start);
            Extend(face.End);
        }
    }

    /// <summary>Takes over another person's finished faces and time (a face followed alone until a
    /// body was found around it).</summary>
    public void Absorb(PersonVisit other)
    {
        _faceParts.AddRange(other._faceParts);
        Extend(other.Start);
        Extend(other.Last);
        Confirmed |= other.Confirmed;
    }

    /// <summary>The visit from first to last sighting; face figures summed over its face tracks,
    /// the mean probabilities weighted by each face track's time.</summary>
    public Visit Finish()
    {
        var k = EmotionLabels.Count;
        var mean = new double[k];
        var seconds = new double[k];
        double faceSeconds = 0, attention = 0, weight = 0;
        long frames = 0;
        foreach (var part in _faceParts)
        {
            faceSeconds += part.FaceSeconds;
            attention += part.AttentionSeconds;
            frames += part.Frames;
            // A face seen at one instant only still has its say, as in a face visit's plain mean.
            var w = Math.Max(part.FaceSeconds, 1e-3);
            weight += w;
            for (var c = 0; c < k; c++)
            {
                mean[c] += w * part.MeanProbabilities[c];
                seconds[c] += part.EmotionSeconds[c];
            }
        }
        for (var c = 0; c < k && weight > 0; c++)
        {
            mean[c] /= weight;
        }
        return new Visit(key, Start, Last, attention, frames, mean, seconds) { FaceSeconds = faceSeconds };
    }
}
