using EdgeEmotion.Daemon.Aggregation;

namespace EdgeEmotion.Daemon.Publishing;

/// <summary>One published stream with its own gap-free <c>seq</c> (windows on <c>emotions</c>,
/// visits on <c>visits</c>): numbers each message and keeps it in the crash-safe outbox until the
/// broker acknowledged it.</summary>
public sealed class SequencedOutbox(string topicName, SeqStore seq, Outbox outbox)
{
    private readonly Lock _lock = new();

    /// <summary>The last topic level (<c>emotions</c>, <c>visits</c>).</summary>
    public string TopicName => topicName;

    public Outbox Outbox => outbox;

    /// <summary>Numbers the message and queues it; <paramref name="payload"/> writes it with its seq.</summary>
    public long Enqueue(Func<long, byte[]> payload)
    {
        lock (_lock)
        {
            var next = seq.Next();
            outbox.Add(next, payload(next));
            return next;
        }
    }
}
