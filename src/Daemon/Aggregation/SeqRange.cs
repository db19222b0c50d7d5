namespace EdgeEmotion.Daemon.Aggregation;

/// <summary>The <c>seq</c> numbers <see cref="From"/> to <see cref="To"/> (inclusive) of one stream.</summary>
public readonly record struct SeqRange(long From, long To)
{
    public override string ToString() => From == To ? $"{From}" : $"{From}..{To}";
}
