namespace EdgeEmotion.Collector.Storage;

/// <summary>Sequence numbers <see cref="From"/> to <see cref="To"/>, both included.</summary>
public readonly record struct SeqRange(long From, long To)
{
    public long Count => To - From + 1;
}
