namespace EdgeEmotion.Tests;

/// <summary>The highest resident memory a process reaches while this watch runs: sampled from
/// /proc every few milliseconds in the background, so that a short peak is not missed between
/// two looks of the test.</summary>
public sealed class PeakResidentMemory : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    public PeakResidentMemory(int pid)
    {
        _peak = ProcStat.ResidentBytes(pid) ?? throw new InvalidOperationException($"process {pid} is not running");
        _sampling = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested && ProcStat.ResidentBytes(pid) is { } bytes)
            {
                InterlockedMax(bytes);
                await Task.Delay(Interval, CancellationToken.None);
            }
        });
    }

    public long PeakBytes => Interlocked.Read(ref _peak);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private void InterlockedMax(long bytes)
    {
        for (var seen = Interlocked.Read(ref _peak); bytes > seen; seen = Interlocked.Read(ref _peak))
        {
            if (Interlocked.CompareExchange(ref _peak, bytes, seen) == seen)
            {
                return;
            }
        }
    }
}
