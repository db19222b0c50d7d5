using System.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeEmotion.Hosting;

/// <summary>
/// Once a minute, a full collection when generation 2 has filled with the dead
/// (<see cref="HeapReleaseRule"/>), so a program's memory returns to what it keeps alive instead
/// of climbing until the GC's own gen-2 budget runs out: the daemon's tracks and visits, the
/// collector's messages held for a batch's commit. Blocking and compacting, so that the space is
/// given back (a background collection does not compact): a few milliseconds every several
/// minutes, logged at Debug with its pause (the daemon's soak counts them).
/// </summary>
public sealed partial class HeapReleaseService(TimeProvider clock, ILogger<HeapReleaseService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                ReleaseIfDue();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One check: collects if due.</summary>
    /// <returns>Whether it collected.</returns>
    internal bool ReleaseIfDue()
    {
        var heap = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes;
        var lastFull = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        if (!HeapReleaseRule.IsDue(heap, lastFull.Index == 0 ? 0 : lastFull.HeapSizeBytes))
        {
            return false;
        }
        var paused = GC.GetTotalPauseDuration();
        // Compacting, so that the regions the dead filled are freed and decommitted, not kept as
        // free space inside committed ones; the large-object heap too, where a buffer that grew
        // (YuNet's input for a larger frame) leaves its old one as a hole.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        LogReleased(logger, heap / 1048576.0, GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes / 1048576.0,
            (GC.GetTotalPauseDuration() - paused).TotalMilliseconds, GC.GetGCMemoryInfo(GCKind.Any).TotalCommittedBytes / 1048576.0);
        return true;
    }

    [LoggerMessage(0, LogLevel.Debug, "Heap release: {BeforeMb:F1} MB -> {AfterMb:F1} MB in a full collection, paused {PauseMs:F1} ms; GC committed {CommittedMb:F1} MB")]
    private static partial void LogReleased(ILogger logger, double beforeMb, double afterMb, double pauseMs, double committedMb);
}
