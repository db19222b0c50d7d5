using EdgeEmotion.Daemon.Diagnostics;
using EdgeEmotion.Daemon.Options;
using Microsoft.Extensions.Hosting.Systemd;

namespace EdgeEmotion.Daemon.Hosting;

/// <summary>
/// systemd's watchdog: sends <c>WATCHDOG=1</c> at half of <c>WATCHDOG_USEC</c>, but only if the
/// frame loop beat since the last ping (a frame analysed, or a reconnect attempt on a lost camera)
/// and the publishing loop came round recently (every broker operation is bounded, so a loop that
/// stops coming round is hung), so that either hanging stops the pings and systemd restarts the
/// service. A broker that is merely down does not: the loop keeps retrying and the outbox keeps
/// every window. Microsoft.Extensions.Hosting.Systemd sends READY=1 and STOPPING=1 but never
/// WATCHDOG=1.
/// </summary>
internal sealed partial class WatchdogService(
    ISystemdNotifier notifier, LoopHeartbeats heartbeats, IOptions<MqttOptions> mqttOptions, TimeProvider clock, ILogger<WatchdogService> logger) : BackgroundService
{
    private readonly TimeSpan _longestRound = mqttOptions.Value.LongestPublishingRound;
    private long _beatsAtLastPing = heartbeats.FrameLoop.Beats;
    private bool _publishingHangLogged;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        notifier.IsEnabled && Interval() is { } interval ? WatchAsync(interval, stoppingToken) : Task.CompletedTask;

    /// <summary>Judges the loops every <paramref name="interval"/> until stopped.</summary>
    internal async Task WatchAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        _beatsAtLastPing = heartbeats.FrameLoop.Beats;
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Judge();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One period's verdict: <c>WATCHDOG=1</c> if both loops are alive.</summary>
    internal void Judge()
    {
        var beats = heartbeats.FrameLoop.Beats;
        var sinceBeat = heartbeats.Publishing.SinceLastBeat;
        switch (WatchdogVerdict.Judge(beats, _beatsAtLastPing, sinceBeat, _longestRound))
        {
            case WatchdogState.Healthy:
                notifier.Notify(new ServiceState("WATCHDOG=1"));
                _beatsAtLastPing = beats;
                break;
            case WatchdogState.PublishingHung when !_publishingHangLogged:
                LogPublishingHung(logger, sinceBeat.TotalSeconds);
                _publishingHangLogged = true;
                break;
        }
    }

    private static TimeSpan? Interval() =>
        long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) && usec > 0
            ? TimeSpan.FromMicroseconds(usec / 2.0)
            : null;

    [LoggerMessage(0, LogLevel.Error, "The MQTT publishing loop has not come round for {Seconds:0} s; no more watchdog pings, systemd will restart the service.")]
    private static partial void LogPublishingHung(ILogger logger, double seconds);
}
