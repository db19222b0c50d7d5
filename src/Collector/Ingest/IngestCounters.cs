namespace EdgeEmotion.Collector.Ingest;

/// <summary>What ingest has done since start (for the log and the watchdog): messages stored,
/// duplicates dropped, payloads rejected, and when the loop last came round.</summary>
public sealed class IngestCounters(TimeProvider clock)
{
    private long _stored;
    private long _duplicates;
    private long _rejected;
    private long _lastBeat = clock.GetTimestamp();

    public long Stored => Interlocked.Read(ref _stored);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long Rejected => Interlocked.Read(ref _rejected);

    public TimeSpan SinceLastBeat => clock.GetElapsedTime(Interlocked.Read(ref _lastBeat));

    public void Add(Storage.StoreResult result)
    {
        Interlocked.Add(ref _stored, result.Stored);
        Interlocked.Add(ref _duplicates, result.Duplicates);
    }

    public void Reject() => Interlocked.Increment(ref _rejected);

    public void Beat() => Interlocked.Exchange(ref _lastBeat, clock.GetTimestamp());
}
