using EdgeEmotion.Daemon.Options;

namespace EdgeEmotion.Daemon.Visits;

/// <summary>What a finished visit is called, from <c>Visits</c> settings.</summary>
internal static class VisitRules
{
    /// <summary>A watcher: attention, as published (at most the dwell, to 0.1 s), of at least
    /// <c>Visits:WatcherSeconds</c>, so that <c>looked</c> agrees with the <c>attention_s</c> beside it.</summary>
    public static bool Looked(Visit visit, VisitsOptions visits) =>
        Math.Round(Math.Min(visit.AttentionSeconds, visit.DwellSeconds), 1) >= visits.WatcherSeconds;
}
