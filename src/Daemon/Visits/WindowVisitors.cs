using EdgeEmotion.Core.Labels;

namespace EdgeEmotion.Daemon.Visits;

/// <summary>The <c>visitors</c> block of one closed window.</summary>
/// <param name="Present">Distinct visitors seen in the window.</param>
/// <param name="New">Visitors that became visitors (were confirmed) in the window.</param>
/// <param name="Looking">Of the present, those seen looking at the camera in the window.</param>
/// <param name="Emotions">Present visitors by their emotion within the window (label order; sums to
/// Present, but for people whose face was not classified in the window, who have no emotion).</param>
/// <param name="DwellSeconds">Visitor-seconds in the window.</param>
/// <param name="AttentionSeconds">Visitor-seconds spent looking.</param>
internal sealed record WindowVisitorsSummary(int Present, int New, int Looking, long[] Emotions, double DwellSeconds, double AttentionSeconds);

/// <summary>
/// Collects what a window's <c>visitors</c> block needs while frames are analysed; the window
/// timer takes it with <see cref="Close"/>. Seconds are credited when they are known, that is
/// at the sighting that ends them (each sighting counts until the next), so the seconds of a
/// visitor's tentative frames land in the window where it is confirmed. A visitor's emotion within
/// the window is the argmax of its probabilities there, weighted by those seconds (unweighted when
/// it was sighted only once in the window). Thread-safe: the analysis loop adds, the timer closes.
/// </summary>
internal sealed class WindowVisitors
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, Presence> _present = [];
    private int _new;
    private double _dwell;
    private double _attention;

    /// <summary>One sighting of a visitor's face: the span it closed (seconds, attention seconds and
    /// the probabilities that span carried) and the sighting's own probabilities and attention.</summary>
    /// <param name="dwellSeconds">The span's seconds as time in view: <paramref name="seconds"/> for a
    /// visitor followed by face; 0 for a face on a body, whose time in view the body gives (<see cref="AddPresence"/>).</param>
    internal void Add(int visitorId, bool isNew, double seconds, double attentionSeconds, ReadOnlySpan<float> spanProbabilities, ReadOnlySpan<float> probabilities, bool looking, double dwellSeconds)
    {
        lock (_lock)
        {
            var presence = Present(visitorId, isNew);
            _dwell += dwellSeconds;
            _attention += attentionSeconds;
            presence.Looking |= looking;
            presence.Sightings++;
            for (var c = 0; c < EmotionLabels.Count; c++)
            {
                presence.Plain[c] += probabilities[c];
                if (seconds > 0)
                {
                    presence.Weighted[c] += seconds * spanProbabilities[c];
                }
            }
            presence.Weight += seconds;
        }
    }

    /// <summary>A visitor's body in view for <paramref name="seconds"/> (the span its sighting closed).</summary>
    internal void AddPresence(int visitorId, bool isNew, double seconds)
    {
        lock (_lock)
        {
            Present(visitorId, isNew);
            _dwell += seconds;
        }
    }

    private Presence Present(int visitorId, bool isNew)
    {
        if (!_present.TryGetValue(visitorId, out var presence))
        {
            presence = new Presence();
            _present.Add(visitorId, presence);
        }
        if (isNew)
        {
            _new++;
        }
        return presence;
    }

    /// <summary>The window's figures; starts the next window empty.</summary>
    public WindowVisitorsSummary Close()
    {
        lock (_lock)
        {
            var emotions = new long[EmotionLabels.Count];
            var looking = 0;
            foreach (var presence in _present.Values)
            {
                if (presence.Sightings > 0)
                {
                    // A person seen only by body in this window has no emotion in it.
                    emotions[TopClass.Of<double>(presence.Weight > 0 ? presence.Weighted : presence.Plain)]++;
                }
                looking += presence.Looking ? 1 : 0;
            }
            var summary = new WindowVisitorsSummary(_present.Count, _new, looking, emotions, _dwell, _attention);
            _present.Clear();
            _new = 0;
            _dwell = 0;
            _attention = 0;
            return summary;
        }
    }

    private sealed class Presence
    {
        public readonly double[] Weighted = new double[EmotionLabels.Count];
        public readonly double[] Plain = new double[EmotionLabels.Count];
        public double Weight;
        public int Sightings;
        public bool Looking;
    }
}
