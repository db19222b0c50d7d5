using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;

namespace EdgeEmotion.Daemon.Hosting;

/// <summary>
/// systemd's watchdog: sends <c>WATCHDOG=1</c> at half of <c>WATCHDOG_USEC</c>, but only if the
/// pipeline made progress since the last ping (a frame analysed, or a reconnect attempt on a
/// lost camera), so that a hung pipeline stops the pings and systemd restarts the service.
/// Microsoft.Extensions.Hosting.Systemd sends READY=1 and STOPPING=1 but never WATCHDOG=1.
/// </summary>
public sealed class WatchdogService(ISystemdNotifier notifier, PipelineService pipeline) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!notifier.IsEnabled || Interval() is not { } interval)
        {
            return;
        }
        var seen = pipeline.Progress;
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = pipeline.Progress;
                if (now != seen)
                {
                    notifier.Notify(new ServiceState("WATCHDOG=1"));
                    seen = now;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static TimeSpan? Interval() =>
        long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) && usec > 0
            ? TimeSpan.FromMicroseconds(usec / 2.0)
            : null;
}
