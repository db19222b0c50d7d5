using EdgeEmotion.Daemon.Diagnostics;
using EdgeEmotion.Daemon.StateDirectory;

namespace EdgeEmotion.Daemon.Publishing.Durable;

/// <summary>
/// The daemon's state directory at run time: its lock and the two published streams.
/// <list type="bullet">
/// <item><c>lock</c>: held while the daemon runs (<see cref="StateDirectoryLock"/>).</item>
/// <item><c>seq</c>, <c>seq-used</c>, <c>outbox/</c>: windows (<c>emotions</c>); the names of earlier versions, so an upgrade keeps them.</item>
/// <item><c>visits-seq</c>, <c>visits-seq-used</c>, <c>visits-outbox/</c>: visits.</item>
/// <item><c>quarantine/</c>: outbox files that were not valid messages.</item>
/// </list>
/// Made when the daemon starts, never by <c>--check-config</c>.
/// </summary>
internal sealed class MessageStreams : IDisposable
{
    /// <summary>The most messages one stream keeps waiting for a number (a full disk): more than a day
    /// of 10 s windows, a few MB; the outbox's own bound counts bytes on disk, these live in memory.</summary>
    public const int MaxUnnumbered = 10_000;

    private readonly StateDirectoryLock _lock;

    public MessageStreams(string stateDirectory, int maxEntries, long maxBytes, ILoggerFactory loggers)
    {
        StateDirectoryCheck.Create(stateDirectory);
        Directory = stateDirectory;
        _lock = StateDirectoryLock.Acquire(stateDirectory);
        try
        {
            var logger = loggers.CreateLogger<Outbox>();
            Windows = Open(stateDirectory, "emotions", "seq", "outbox", OutboxPayloadCheck.Windows, maxEntries, maxBytes, logger);
            Visits = Open(stateDirectory, "visits", "visits-seq", "visits-outbox", OutboxPayloadCheck.Visits, maxEntries, maxBytes, logger);
        }
        catch
        {
            _lock.Dispose();
            throw;
        }
    }

    /// <summary>The state directory (<c>StateDirectory</c>).</summary>
    public string Directory { get; }

    public SequencedOutbox Windows { get; }

    public SequencedOutbox Visits { get; }

    public IReadOnlyList<SequencedOutbox> All => [Windows, Visits];

    /// <summary>Released whenever either stream queues a message.</summary>
    public SemaphoreSlim Added { get; } = new(0);

    /// <summary>Messages waiting for the broker, numbered or not.</summary>
    public int Pending => All.Sum(s => s.Outbox.Count + s.Unnumbered);

    /// <summary>What waits for the broker and what the outboxes dropped, refused or keep in memory, as of <paramref name="now"/>.</summary>
    public OutboxHealth Health(DateTimeOffset now)
    {
        var windows = Windows.Outbox;
        var visits = Visits.Outbox;
        var oldest = new[] { Windows.OldestSince, Visits.OldestSince }.Where(t => t is not null).Select(t => t!.Value).DefaultIfEmpty(now).Min();
        return new OutboxHealth(
            windows.Count + Windows.Unnumbered, windows.Dropped + Windows.DroppedUnnumbered, visits.Count + Visits.Unnumbered, visits.Dropped + Visits.DroppedUnnumbered,
            Math.Max(0, (now - oldest).TotalSeconds), windows.WriteFailures + visits.WriteFailures,
            windows.InMemory + visits.InMemory + Windows.Unnumbered + Visits.Unnumbered, windows.Quarantined + visits.Quarantined, visits.Acknowledged)
        {
            WindowsSkipped = Windows.DeclaredGap,
            VisitsSkipped = Visits.DeclaredGap,
        };
    }

    /// <summary>Gives back the unused seq reservations (nothing is numbered after the publisher
    /// stopped), then the lock.</summary>
    public void Dispose()
    {
        foreach (var stream in All)
        {
            stream.Release();
        }
        _lock.Dispose();
    }

    private SequencedOutbox Open(string state, string topic, string seqFile, string folder, OutboxPayloadCheck check, int maxEntries, long maxBytes, ILogger logger)
    {
        var outbox = new Outbox(Path.Combine(state, folder), topic, maxEntries, maxBytes, check, logger, Added);
        var seq = new SeqStore(Path.Combine(state, seqFile), outbox.HighestSeq, logger);
        return new SequencedOutbox(topic, seq, outbox, Math.Min(maxEntries, MaxUnnumbered), logger);
    }
}
