namespace EdgeEmotion.Daemon.Visits;

/// <summary>The running figures of one track's visit, from its first sighting. Each sighting
/// counts until the next one, at most <c>Tracking:LostSeconds</c>: a span's seconds, attention
/// and probabilities are those of the sighting that opened it.</summary>
internal sealed class OpenVisit(int trackId, DateTimeOffset start, double lostSeconds, double smoothingSeconds)
{
    private readonly double[] _weighted = new double[EmotionLabels.Count];
    private readonly double[] _plain = new double[EmotionLabels.Count];
    private readonly double[] _emotionSeconds = new double[EmotionLabels.Count];
    private readonly float[] _last = new float[EmotionLabels.Count];
    private readonly EmotionSmoother _smoother = new(smoothingSeconds);
    private readonly List<PendingSighting> _pending = [];
    private bool _lastLooking;
    private double _weight;
    private double _attention;
    private long _frames;

    public int TrackId { get; } = trackId;

    /// <summary>The visitor the window credits this face to: the face track itself, or (people on)
    /// the person it belongs to.</summary>
    public int WindowKey { get; set; } = trackId;

    /// <summary>The face's confirmation makes a new visitor in the window (not when it belongs to a
    /// person, who is new on its own).</summary>
    public bool ReportsNew { get; set; } = true;

    /// <summary>The face's time is the visitor's time in view (not while a body gives it).</summary>
    public bool CountsDwell { get; set; } = true;

    public DateTimeOffset Start => start;

    public DateTimeOffset Last { get; private set; }

    public bool Confirmed { get; private set; }

    /// <summary>The smoothed probabilities now (for the live <c>faces</c> topic).</summary>
    public ReadOnlySpan<double> Smoothed => _smoother.Mean;

    /// <summary>Records a sighting; the span since the previous one is credited to the visit and
    /// to <paramref name="window"/> (kept back until the track is confirmed).</summary>
    public void Sight(DateTimeOffset time, ReadOnlySpan<float> probabilities, bool looking, bool confirmed, WindowVisitors window)
    {
        var seconds = 0.0;
        var attention = 0.0;
        if (_frames > 0)
        {
            seconds = Math.Clamp((time - Last).TotalSeconds, 0, lostSeconds);
            attention = _lastLooking ? seconds : 0;
            _weight += seconds;
            _attention += attention;
            for (var c = 0; c < _weighted.Length; c++)
            {
                _weighted[c] += seconds * _last[c];
            }
            var spanStart = (Last - start).TotalSeconds;
            _emotionSeconds[_smoother.Add(spanStart, spanStart + seconds, _last)] += seconds;
        }
        else
        {
            Last = time;
            // The first sighting opens the smoothing too, so the live emotion is known at once.
            _smoother.Add(0, 0, probabilities);
        }
        var isNew = confirmed && !Confirmed;
        if (!confirmed)
        {
            _pending.Add(new PendingSighting(seconds, attention, [.. _last], [.. probabilities], looking));
        }
        else
        {
            if (isNew)
            {
                foreach (var p in _pending)
                {
                    window.Add(WindowKey, false, p.Seconds, p.AttentionSeconds, p.SpanProbabilities, p.Probabilities, p.Looking, CountsDwell ? p.Seconds : 0);
                }
                _pending.Clear();
            }
            window.Add(WindowKey, isNew && ReportsNew, seconds, attention, _last, probabilities, looking, CountsDwell ? seconds : 0);
        }
        Confirmed = confirmed;
        _frames++;
        for (var c = 0; c < _plain.Length; c++)
        {
            _plain[c] += probabilities[c];
        }
        probabilities[..EmotionLabels.Count].CopyTo(_last);
        _lastLooking = looking;
        if (time > Last)
        {
            Last = time;
        }
    }

    /// <summary>The visit as it stands, ended at its last sighting.</summary>
    public Visit Finish()
    {
        // A visit sighted once (or at one instant) has no time to weight by: plain mean.
        var mean = _weight > 0
            ? _weighted.Select(s => s / _weight).ToArray()
            : _plain.Select(s => s / Math.Max(1, _frames)).ToArray();
        return new Visit(TrackId, start, Last, _attention, _frames, mean, (double[])_emotionSeconds.Clone());
    }

    private sealed record PendingSighting(double Seconds, double AttentionSeconds, float[] SpanProbabilities, float[] Probabilities, bool Looking);
}
