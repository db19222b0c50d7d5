namespace EdgeEmotion.Daemon.Diagnostics;

/// <summary>What waits for the broker, and what the outboxes had to drop, refuse or keep in memory
/// (the publisher reads it from its message streams).</summary>
internal sealed record OutboxHealth(
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
    /// <summary>Window seqs skipped at start (reserved, never used before the last stop); null when none.</summary>
    public SeqRange? WindowsSkipped { get; init; }

    /// <summary>Visit seqs skipped at start, likewise.</summary>
    public SeqRange? VisitsSkipped { get; init; }
}
