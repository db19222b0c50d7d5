namespace EdgeEmotion.Daemon.Publishing;

/// <summary>What waits for the broker, and what the outboxes had to drop, refuse or keep in memory.</summary>
public sealed record OutboxHealth(
    int PendingWindows,
    long DroppedWindows,
    int PendingVisits,
    long DroppedVisits,
    double OldestPendingSeconds,
    long WriteFailures,
    int InMemory,
    long Quarantined,
    long VisitsPublished)
{
    public static OutboxHealth Of(MessageStreams streams, DateTimeOffset now)
    {
        var windows = streams.Windows.Outbox;
        var visits = streams.Visits.Outbox;
        var oldest = new[] { windows.OldestSince, visits.OldestSince }.Where(t => t is not null).Select(t => t!.Value).DefaultIfEmpty(now).Min();
        return new OutboxHealth(
            windows.Count, windows.Dropped, visits.Count, visits.Dropped, Math.Max(0, (now - oldest).TotalSeconds),
            windows.WriteFailures + visits.WriteFailures, windows.InMemory + visits.InMemory, windows.Quarantined + visits.Quarantined, visits.Acknowledged);
    }
}
