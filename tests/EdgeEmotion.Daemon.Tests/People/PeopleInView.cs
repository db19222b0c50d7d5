using EdgeEmotion.Daemon.Tracking;

namespace EdgeEmotion.Daemon.Tests.People;

/// <summary>
/// The people the daemon holds in view at each run of the person stage over one clip, from the
/// body tracker's results: a visit's time in view (<c>dwell_s</c>, <c>Visits/PersonVisit</c>) runs
/// from its body track's first sighting to its last, through the runs where the track coasted
/// unmatched (a shopper hidden behind another for a few runs), and only a track that was confirmed
/// becomes a visit. So a run counts each confirmed track sighted at or before it and at or after
/// it; a tentative track never confirmed counts nowhere, nor does a track after its last sighting.
/// Shared with the bench (linked file) so that its table and the tests measure the same.
/// </summary>
internal sealed class PeopleInView
{
    private readonly Dictionary<int, (int First, int Last)> _sighted = [];
    private readonly HashSet<int> _confirmed = [];
    private int _runs;

    /// <summary>The tracker's result of the next run.</summary>
    public void Add(TrackerFrame run)
    {
        foreach (var body in run.Faces)
        {
            _sighted[body.TrackId] = (_sighted.TryGetValue(body.TrackId, out var s) ? s.First : _runs, _runs);
            if (body.Confirmed)
            {
                _confirmed.Add(body.TrackId);
            }
        }
        _runs++;
    }

    /// <summary>People in view at each run added, in order.</summary>
    public IReadOnlyList<int> PerRun() =>
        [.. Enumerable.Range(0, _runs).Select(r => _confirmed.Count(t => _sighted[t].First <= r && r <= _sighted[t].Last))];

    /// <summary>Each visit's first and last run (the confirmed tracks), in order of their first run.</summary>
    public IReadOnlyList<(int First, int Last)> Visits() => [.. _confirmed.Select(t => _sighted[t]).OrderBy(s => s.First)];
}
