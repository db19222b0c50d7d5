using EdgeEmotion.Collector.Ingest;
using Microsoft.Extensions.Hosting.Systemd;

namespace EdgeEmotion.Collector.Hosting;

/// <summary>systemd's watchdog: <c>WATCHDOG=1</c> at half of <c>WATCHDOG_USEC</c> while the
/// ingest writer loop comes round (it does at least every <see cref="IngestService.IdleBeat"/>,
/// and between retries of a database that is away), so a hung writer gets the service restarted.
/// Microsoft.Extensions.Hosting.Systemd sends READY=1 and STOPPING=1 but never WATCHDOG=1.</summary>
public sealed class CollectorWatchdog(ISystemdNotifier notifier, IngestCounters counters, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!notifier.IsEnabled || Interval() is not { } interval)
        {
            return;
        }
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (counters.SinceLastBeat < (IngestService.IdleBeat * 2) + interval)
            {
                notifier.Notify(new ServiceState("WATCHDOG=1"));
            }
        }
    }

    private static TimeSpan? Interval() =>
        long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) && usec > 0
            ? TimeSpan.FromMicroseconds(usec / 2.0)
            : null;
}
