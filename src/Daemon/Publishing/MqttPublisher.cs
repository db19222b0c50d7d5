using EdgeEmotion.Daemon.Diagnostics;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.Publishing.Durable;
using EdgeEmotion.Daemon.Publishing.HomeAssistant;
using EdgeEmotion.Daemon.Publishing.Payloads;
using EdgeEmotion.Daemon.Publishing.Session;
using EdgeEmotion.Daemon.Publishing.Stats;
using MQTTnet.Protocol;

namespace EdgeEmotion.Daemon.Publishing;

/// <summary>
/// Keeps one MQTT connection: connects (<see cref="BrokerEndpoint"/>), announces <c>online</c> and
/// Home Assistant discovery (<see cref="HomeAssistantAnnouncer"/>), sends the queued windows and
/// visits (<see cref="OutboxDrain"/>), stats on schedule (<see cref="StatsPublisher"/>) and live
/// faces. MQTTnet 5 has no managed client, and reconnecting from its Disconnected event risks
/// deadlocks, so this loop pings and reconnects with backoff itself (<see cref="ReconnectBackoff"/>).
/// Every broker operation is bounded (<see cref="MqttSession"/>), so the loop always comes round:
/// its heartbeat tells the watchdog that it does.
/// </summary>
internal sealed partial class MqttPublisher(
    IOptions<MqttOptions> mqttOptions,
    BrokerEndpoint endpoint,
    MqttSession session,
    MqttTopics topics,
    MessageSender sender,
    OutboxDrain outbox,
    StatsPublisher stats,
    HomeAssistantAnnouncer discovery,
    SessionLossCheck sessionLoss,
    MessageStreams streams,
    LiveFaces liveFaces,
    PublishLog log,
    StopReport stopReport,
    LoopHeartbeats heartbeats,
    TimeProvider clock,
    ILogger<MqttPublisher> logger) : BackgroundService
{
    private static readonly TimeSpan FacesInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);
    private readonly ReconnectBackoff _backoff = new(TimeSpan.FromSeconds(mqttOptions.Value.MaxReconnectSeconds));
    private bool _outageLogged;
    private int _takeovers;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextPing = clock.GetUtcNow();
        var nextFaces = clock.GetUtcNow();
        // An operation under way when stopping begins may finish (each is bounded by
        // Mqtt:TimeoutSeconds, and this grace is shorter): cut off, an acknowledged window would be
        // sent again by StopAsync, a duplicate for every subscriber.
        using var inflight = new CancellationTokenSource();
        using var stopping = stoppingToken.Register(() => inflight.CancelAfter(StopGrace));
        while (!stoppingToken.IsCancellationRequested)
        {
            heartbeats.Publishing.Beat();
            try
            {
                if (!session.IsConnected)
                {
                    sessionLoss.ThrowIfTakenOver();
                    await ConnectAsync(inflight.Token);
                    _backoff.Connected();
                }
                await outbox.DrainAsync(inflight.Token, stoppingToken);
                await discovery.AnswerRestartAsync(inflight.Token);
                var now = clock.GetUtcNow();
                await stats.PublishIfDueAsync(now, inflight.Token);
                if (StatsSchedule.IsDue(now, nextPing, PingInterval))
                {
                    await session.PingAsync(inflight.Token);
                    nextPing = now + PingInterval;
                }
                if (mqttOptions.Value.PublishFaces && StatsSchedule.IsDue(now, nextFaces, FacesInterval))
                {
                    if (liveFaces.Take() is { } faces)
                    {
                        await sender.SendAsync(topics.Faces, MqttPayloads.Faces(faces, topics.Device), MqttQualityOfServiceLevel.AtMostOnce, retain: false, inflight.Token);
                    }
                    // At most twice a second, as the contract allows.
                    nextFaces = now + FacesInterval;
                }
                log.MinutePassed(streams);
                var wait = Min(Min(stats.NextDue, nextPing), mqttOptions.Value.PublishFaces ? nextFaces : DateTimeOffset.MaxValue) - clock.GetUtcNow();
                // Never longer than a ping's interval: after the wall clock stepped back, every
                // next time lies the step ahead.
                wait = wait < PingInterval ? wait : PingInterval;
                if (wait > TimeSpan.Zero)
                {
                    await streams.Added.WaitAsync(wait, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailure(ex);
                try
                {
                    await Task.Delay(_backoff.Next, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                _backoff.Waited();
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping cut an operation short: StopAsync reconnects if needed and sends what is left, then 'offline'.
                break;
            }
        }
    }

    /// <summary>On shutdown: send what the window and visit services flushed, then <c>offline</c>,
    /// then disconnect, all within <c>Mqtt:ShutdownSeconds</c>; what is not sent by then stays on
    /// disk for the next start, and what the disk refused is lost (<see cref="StopReport"/>).</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(mqttOptions.Value.ShutdownSeconds));
        try
        {
            if (!session.IsConnected)
            {
                await ConnectAsync(bound.Token);
            }
            await outbox.DrainAsync(bound.Token, bound.Token);
            // The last word on health: what was sent and what is left, as of stopping.
            await stats.PublishAsync(clock.GetUtcNow(), bound.Token);
            await sender.SendAsync(topics.Status, StatusPayload.Write(DeviceStatus.Offline), MqttQualityOfServiceLevel.AtLeastOnce, retain: true, bound.Token);
            log.SaidGoodbye(topics.Status);
            await session.DisconnectAsync(bound.Token);
            log.Flush(streams);
            stopReport.Stopped();
        }
        catch (Exception ex)
        {
            session.Reset();
            var reason = bound.IsCancellationRequested ? $"Mqtt:ShutdownSeconds ({mqttOptions.Value.ShutdownSeconds:0.#} s) passed" : endpoint.Describe(ex);
            stopReport.StoppedEarly(endpoint.Address, reason);
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await session.ConnectAsync(endpoint.ConnectOptions(), cancellationToken);
        await sender.SendAsync(topics.Status, StatusPayload.Write(DeviceStatus.Online), MqttQualityOfServiceLevel.AtLeastOnce, retain: true, cancellationToken);
        await discovery.AnnounceAsync(cancellationToken);
        sessionLoss.Connected();
        LogConnected(logger, endpoint.Address, topics.Prefix, topics.Device);
        _outageLogged = false;
    }

    /// <summary>One line per outage (and every tenth takeover), not one per attempt.</summary>
    private void LogFailure(Exception ex)
    {
        if (ex is SessionTakenOverException taken)
        {
            if (_takeovers++ % 10 == 0)
            {
                LogTakenOver(logger, endpoint.Address, taken.Message, topics.Device, _backoff.Longest.TotalSeconds, streams.Pending);
            }
            _backoff.TakenOver();
        }
        else if (!_outageLogged)
        {
            LogUnreachable(logger, endpoint.Address, endpoint.Describe(ex), _backoff.Longest.TotalSeconds, streams.Pending);
            _outageLogged = true;
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [LoggerMessage(0, LogLevel.Information, "Connected to MQTT broker {Endpoint}; publishing on {Prefix}/{Device}/#")]
    private static partial void LogConnected(ILogger logger, string endpoint, string prefix, string device);

    [LoggerMessage(0, LogLevel.Error, "MQTT broker {Endpoint} {What} with the same client id 'edgeemotion-{Device}': two devices with DeviceId '{Device}'? Give each its own DeviceId. Retrying every {Max}s; {Pending} message(s) kept.")]
    private static partial void LogTakenOver(ILogger logger, string endpoint, string what, string device, double max, int pending);

    [LoggerMessage(0, LogLevel.Warning, "MQTT broker {Endpoint} unreachable: {Reason}. Retrying with backoff up to {Max}s; {Pending} message(s) kept.")]
    private static partial void LogUnreachable(ILogger logger, string endpoint, string reason, double max, int pending);
}
