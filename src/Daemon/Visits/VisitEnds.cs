using EdgeEmotion.Daemon.Options;

namespace EdgeEmotion.Daemon.Visits;

/// <summary>
/// Where a confirmed visit ends, the same for faces alone (<see cref="VisitBook"/>) and for people
/// (<see cref="PeopleTracking"/>): shorter than <c>Visits:MinDwellSeconds</c> it is counted and
/// dropped, otherwise counted and kept with its <c>looked</c>.
/// The counters may be read from another thread (the stats timer).
/// </summary>
internal sealed class VisitEnds(VisitsOptions visits)
{
    private long _tooShort;
    private long _finished;

    /// <summary>Confirmed visits that ended shorter than <c>Visits:MinDwellSeconds</c>.</summary>
    public long TooShort => Interlocked.Read(ref _tooShort);

    /// <summary>Visits that ended long enough to publish.</summary>
    public long Finished => Interlocked.Read(ref _finished);

    /// <summary>Adds <paramref name="visit"/> to <paramref name="finished"/> unless it was too short.</summary>
    public void End(Visit visit, List<Visit> finished)
    {
        if (visit.DwellSeconds < visits.MinDwellSeconds)
        {
            Interlocked.Increment(ref _tooShort);
            return;
        }
        Interlocked.Increment(ref _finished);
        finished.Add(visit with { Looked = Looked(visit) });
    }

    /// <summary>A watcher: attention, as published (at most the dwell, to 0.1 s), of at least
    /// <c>Visits:WatcherSeconds</c>, so that <c>looked</c> agrees with the <c>attention_s</c> beside it.</summary>
    private bool Looked(Visit visit) =>
        Math.Round(Math.Min(visit.AttentionSeconds, visit.DwellSeconds), 1) >= visits.WatcherSeconds;
}
