namespace EdgeEmotion.Daemon.Diagnostics;

/// <summary>A loop's sign of life for the systemd watchdog: the loop beats each time it comes round
/// (or shows it is idle by design), the watchdog reads how often and how long ago. Written by one
/// thread, read by another: hence the interlocked reads and writes.</summary>
internal sealed class Heartbeat(TimeProvider clock)
{
    private long _beats;
    private long _last = clock.GetTimestamp();

    /// <summary>How many times the loop has beaten.</summary>
    public long Beats => Interlocked.Read(ref _beats);

    /// <summary>How long ago the loop last beat (since it was made, before the first beat).</summary>
    public TimeSpan SinceLastBeat => clock.GetElapsedTime(Interlocked.Read(ref _last));

    public void Beat()
    {
        Interlocked.Exchange(ref _last, clock.GetTimestamp());
        Interlocked.Increment(ref _beats);
    }
}
