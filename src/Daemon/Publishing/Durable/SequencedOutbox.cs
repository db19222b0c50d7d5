using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeEmotion.Daemon.Publishing.Durable;

/// <summary>One published stream with its own <c>seq</c> (windows on <c>emotions</c>, visits on
/// <c>visits</c>): numbers each message and keeps it in the crash-safe outbox until the broker
/// acknowledged it. A message closed while no number can be reserved durably (full disk) waits
/// unnumbered, in order, and is numbered once the disk takes the reservation again: numbering it
/// from memory could hand its seq to another message after a restart.</summary>
internal sealed partial class SequencedOutbox(string topicName, SeqStore seq, Outbox outbox, int maxUnnumbered, ILogger? logger = null)
{
    private readonly Lock _lock = new();
    private readonly UnnumberedMessages _unnumbered = new(maxUnnumbered);
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>The last topic level (<c>emotions</c>, <c>visits</c>).</summary>
    public string TopicName => topicName;

    public Outbox Outbox => outbox;

    /// <summary>Numbers skipped at start because the last run reserved but did not use them.</summary>
    public SeqRange? DeclaredGap => seq.DeclaredGap;

    /// <summary>Messages waiting for a number (in memory).</summary>
    public int Unnumbered
    {
        get
        {
            lock (_lock)
            {
                return _unnumbered.Count;
            }
        }
    }

    /// <summary>When the oldest message of the stream waiting for the broker was closed, or null.</summary>
    public DateTimeOffset? OldestSince
    {
        get
        {
            lock (_lock)
            {
                // Unnumbered ones are younger than any numbered one.
                return outbox.OldestSince ?? _unnumbered.OldestSince;
            }
        }
    }

    /// <summary>Unnumbered messages dropped because too many waited, since start.</summary>
    public long DroppedUnnumbered
    {
        get
        {
            lock (_lock)
            {
                return _unnumbered.Dropped;
            }
        }
    }

    /// <summary>Numbers the message (after any still waiting) and queues it; <paramref name="payload"/>
    /// writes it with its seq. Null when it waits unnumbered.</summary>
    public long? Enqueue(Func<long, byte[]> payload)
    {
        lock (_lock)
        {
            var dropped = _unnumbered.Add(payload);
            if (dropped > 0)
            {
                LogDropped(_logger, topicName, dropped, _unnumbered.Dropped);
            }
            return NumberWaitingLocked();
        }
    }

    /// <summary>Numbers and queues what waits unnumbered, as far as the disk lets it.</summary>
    public void NumberWaiting()
    {
        lock (_lock)
        {
            NumberWaitingLocked();
        }
    }

    /// <summary>Gives the unused rest of the reservation back (clean stop).</summary>
    public void Release()
    {
        lock (_lock)
        {
            seq.Release();
        }
    }

    /// <returns>The seq of the last message numbered, or null when any still waits.</returns>
    private long? NumberWaitingLocked()
    {
        long? last = null;
        while (_unnumbered.Count > 0)
        {
            if (!seq.TryNext(out var next))
            {
                return null;
            }
            // Taken out first: a payload the outbox refuses (a bug) must not come round again.
            var payload = _unnumbered.Peek();
            _unnumbered.RemoveOldest();
            outbox.Add(next, payload(next));
            last = next;
        }
        return last;
    }

    [LoggerMessage(0, LogLevel.Warning, "{Stream}: too many messages wait for a seq number (the disk refuses the reservation): dropped the oldest {Count}; {Total} dropped since start.")]
    private static partial void LogDropped(ILogger logger, string stream, int count, long total);
}
