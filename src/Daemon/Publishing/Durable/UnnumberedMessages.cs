namespace EdgeEmotion.Daemon.Publishing.Durable;

/// <summary>Closed messages of one stream that have no <c>seq</c> yet because the disk refused to
/// reserve one: kept in memory, oldest first, at most <paramref name="max"/> (then the oldest is
/// dropped and counted). Each is written only once it is numbered, so it carries its seq.</summary>
internal sealed class UnnumberedMessages(int max)
{
    private readonly Queue<(Func<long, byte[]> Payload, DateTimeOffset Since)> _waiting = new();

    public int Count => _waiting.Count;

    /// <summary>When the oldest waiting message was closed, or null when none waits.</summary>
    public DateTimeOffset? OldestSince => _waiting.Count == 0 ? null : _waiting.Peek().Since;

    /// <summary>Dropped because more than the bound waited, since start.</summary>
    public long Dropped { get; private set; }

    /// <summary>Queues a message; returns how many older ones were dropped to make room.</summary>
    public int Add(Func<long, byte[]> payload)
    {
        _waiting.Enqueue((payload, DateTimeOffset.UtcNow));
        var dropped = 0;
        while (_waiting.Count > Math.Max(1, max))
        {
            _waiting.Dequeue();
            dropped++;
        }
        Dropped += dropped;
        return dropped;
    }

    public Func<long, byte[]> Peek() => _waiting.Peek().Payload;

    public void RemoveOldest() => _waiting.Dequeue();
}
