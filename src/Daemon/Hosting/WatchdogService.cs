using System.Diagnostics;
using System.Globalization;
using EdgeEmotion.Daemon.Publishing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;

namespace EdgeEmotion.Daemon.Hosting;

/// <summary>
/// systemd's watchdog: sends <c>WATCHDOG=1</c> at half of <c>WATCHDOG_USEC</c>, but only if the
/// pipeline made progress since the last ping (a frame analysed, or a reconnect attempt on a
/// lost camera) and the publishing loop came round recently (every broker operation is bounded,
/// so a loop that stops coming round is hung), so that either hanging stops the pings and systemd
/// restarts the service. A broker that is merely down does not: the loop keeps retrying and the
/// outbox keeps every window. Microsoft.Extensions.Hosting.Systemd sends READY=1 and STOPPING=1
/// but never WATCHDOG=1.
/// </summary>
public sealed class WatchdogService(ISystemdNotifier notifier, PipelineService pipeline, MqttPublisher publisher, ILogger<WatchdogService> logger) : BackgroundService
{
    private bool _publishingHangLogged;

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
                var sinceBeat = Stopwatch.GetElapsedTime(publisher.LastBeat);
                switch (WatchdogVerdict.Judge(now, seen, sinceBeat, publisher.LongestRound))
                {
                    case WatchdogState.Healthy:
                        notifier.Notify(new ServiceState("WATCHDOG=1"));
                        seen = now;
                        break;
                    case WatchdogState.PublishingHung when !_publishingHangLogged:
                        logger.LogError("The MQTT publishing loop has not come round for {Seconds:0} s; no more watchdog pings, systemd will restart the service.", sinceBeat.TotalSeconds);
                        _publishingHangLogged = true;
                        break;
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
