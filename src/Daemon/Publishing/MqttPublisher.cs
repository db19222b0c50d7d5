using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Daemon.Hosting;
using EdgeEmotion.Daemon.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeEmotion.Daemon.Publishing;

/// <summary>
/// Keeps one MQTT connection: connects with a retained last will <c>offline</c>, announces
/// <c>online</c>, sends the queued windows and visits in <c>seq</c> order at QoS 1 and stats
/// (retained) on schedule. MQTTnet 5 has no managed client, and reconnecting from its Disconnected
/// event risks deadlocks, so this loop pings and reconnects with exponential backoff itself. Every
/// broker operation is bounded (<see cref="MqttSession"/>), so the loop always comes round:
/// <see cref="LastBeat"/> tells the watchdog that it does.
/// </summary>
public sealed class MqttPublisher(
    IOptions<MqttOptions> mqttOptions,
    IOptions<DaemonOptions> daemonOptions,
    IOptions<AggregationOptions> aggregationOptions,
    EmbeddedBroker broker,
    MqttConnectionSettings connection,
    MessageStreams streams,
    LiveFaces liveFaces,
    EmotionModel model,
    PipelineStats stats,
    TimeProvider clock,
    ILogger<MqttPublisher> logger) : BackgroundService
{
    private readonly MqttSession _session = new(TimeSpan.FromSeconds(mqttOptions.Value.TimeoutSeconds));
    private readonly MqttTopics _topics = new(mqttOptions.Value.TopicPrefix, daemonOptions.Value.ResolvedDeviceId);
    private readonly PublishLog _log = new(mqttOptions.Value.LogMessages, logger);
    private HomeAssistantDiscovery? _discovery;
    private bool _outageLogged;
    private int _takeovers;
    private int _quickLosses;
    private long? _connectedAt;
    private static readonly TimeSpan QuickLoss = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan FacesInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);
    private long _lastBeat = Stopwatch.GetTimestamp();
    // Set by the receive handler, acted on by the loop: publishing from MQTTnet's handlers risks deadlocks.
    private volatile bool _rediscover;

    public MqttTopics Topics => _topics;

    /// <summary>Whether the broker is connected now (the status LED shows it).</summary>
    public bool IsConnected => _session.IsConnected;

    /// <summary>When the publishing loop last came round (Stopwatch ticks).</summary>
    public long LastBeat => Interlocked.Read(ref _lastBeat);

    /// <summary>The longest the loop may take to come round: a backoff wait plus a few bounded operations.</summary>
    public TimeSpan LongestRound => TimeSpan.FromSeconds(mqttOptions.Value.MaxReconnectSeconds + (4 * mqttOptions.Value.TimeoutSeconds) + 5);

    private string Endpoint => $"{Host}:{Port}";
    private string Host => broker.Enabled ? "127.0.0.1" : mqttOptions.Value.Host;
    private int Port => broker.Enabled ? broker.Port : mqttOptions.Value.Port;
    private TimeSpan MaxBackoff => TimeSpan.FromSeconds(mqttOptions.Value.MaxReconnectSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        var statsInterval = TimeSpan.FromSeconds(mqttOptions.Value.StatsIntervalSeconds);
        var nextStats = clock.GetUtcNow();
        var nextPing = clock.GetUtcNow();
        var nextFaces = clock.GetUtcNow();
        // An operation under way when stopping begins may finish (each is bounded by
        // Mqtt:TimeoutSeconds, and this grace is shorter): cut off, an acknowledged window would be
        // sent again by StopAsync, a duplicate for every subscriber.
        using var inflight = new CancellationTokenSource();
        using var stopping = stoppingToken.Register(() => inflight.CancelAfter(StopGrace));
        while (!stoppingToken.IsCancellationRequested)
        {
            Beat();
            try
            {
                if (!_session.IsConnected)
                {
                    CheckSessionLoss();
                    await ConnectAsync(inflight.Token);
                    backoff = TimeSpan.FromSeconds(1);
                }
                await DrainAsync(inflight.Token, stoppingToken);
                if (_rediscover)
                {
                    _rediscover = false;
                    await PublishDiscoveryAsync(inflight.Token);
                }
                var now = clock.GetUtcNow();
                if (now >= nextStats)
                {
                    await PublishAsync(_topics.Stats, MqttPayloads.Stats(stats.Snapshot(OutboxHealth.Of(streams, now), now), _topics.Device), MqttQualityOfServiceLevel.AtMostOnce, retain: true, inflight.Token);
                    // On a schedule, not 'interval after the last one': the loop's own time does not stretch the period.
                    nextStats += statsInterval;
                    nextStats = nextStats < now ? now + statsInterval : nextStats;
                }
                if (now >= nextPing)
                {
                    await _session.PingAsync(inflight.Token);
                    nextPing = now.AddSeconds(5);
                }
                if (mqttOptions.Value.PublishFaces && now >= nextFaces)
                {
                    if (liveFaces.Take() is { } faces)
                    {
                        await PublishAsync(_topics.Faces, MqttPayloads.Faces(faces, _topics.Device), MqttQualityOfServiceLevel.AtMostOnce, retain: false, inflight.Token);
                    }
                    // At most twice a second, as the contract allows.
                    nextFaces = now + FacesInterval;
                }
                _log.MinutePassed(streams);
                var wait = Min(Min(nextStats, nextPing), mqttOptions.Value.PublishFaces ? nextFaces : DateTimeOffset.MaxValue) - clock.GetUtcNow();
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
                if (ex is SessionTakenOverException taken)
                {
                    // Reconnecting at once would throw the other client off in turn, for ever.
                    if (_takeovers++ % 10 == 0)
                    {
                        logger.LogError("MQTT broker {Endpoint} {What} with the same client id 'edgeemotion-{Device}': two devices with DeviceId '{Device}'? Give each its own DeviceId. Retrying every {Max}s; {Pending} message(s) kept.",
                            Endpoint, taken.Message, _topics.Device, _topics.Device, MaxBackoff.TotalSeconds, streams.Pending);
                    }
                    backoff = MaxBackoff;
                }
                else if (!_outageLogged)
                {
                    logger.LogWarning("MQTT broker {Endpoint} unreachable: {Reason}. Retrying with backoff up to {Max}s; {Pending} message(s) kept.",
                        Endpoint, Describe(ex), MaxBackoff.TotalSeconds, streams.Pending);
                    _outageLogged = true;
                }
                try
                {
                    await Task.Delay(backoff, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, MaxBackoff.TotalSeconds));
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
    /// disk for the next start.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(mqttOptions.Value.ShutdownSeconds));
        try
        {
            if (!_session.IsConnected)
            {
                await ConnectAsync(bound.Token);
            }
            await DrainAsync(bound.Token, bound.Token);
            // The last word on health: what was sent and what is left, as of stopping.
            var now = clock.GetUtcNow();
            await PublishAsync(_topics.Stats, MqttPayloads.Stats(stats.Snapshot(OutboxHealth.Of(streams, now), now), _topics.Device), MqttQualityOfServiceLevel.AtMostOnce, retain: true, bound.Token);
            await PublishAsync(_topics.Status, Encoding.UTF8.GetBytes("offline"), MqttQualityOfServiceLevel.AtLeastOnce, retain: true, bound.Token);
            _log.SaidGoodbye(_topics.Status);
            await _session.DisconnectAsync(bound.Token);
            _log.Flush(streams);
        }
        catch (Exception ex)
        {
            _session.Reset();
            var reason = bound.IsCancellationRequested ? $"Mqtt:ShutdownSeconds ({mqttOptions.Value.ShutdownSeconds:0.#} s) passed" : Describe(ex);
            logger.LogWarning("Stopping before everything reached {Endpoint} ({Reason}): {Pending} message(s) stay on disk and are sent after the next start.",
                Endpoint, reason, streams.Pending);
        }
    }

    public override void Dispose()
    {
        _session.Dispose();
        base.Dispose();
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(Host, Port)
            .WithClientId($"edgeemotion-{_topics.Device}")
            .WithCleanSession(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithWillTopic(_topics.Status)
            .WithWillPayload("offline")
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (broker.Enabled)
        {
            // The embedded broker lets only this daemon publish under the prefix: it proves itself
            // with a secret made at start that never leaves the process.
            builder.WithCredentials(EmbeddedBroker.DaemonUser, broker.DaemonSecret);
        }
        else
        {
            connection.Apply(builder);
        }
        await _session.ConnectAsync(builder.Build(), cancellationToken);
        await PublishAsync(_topics.Status, Encoding.UTF8.GetBytes("online"), MqttQualityOfServiceLevel.AtLeastOnce, retain: true, cancellationToken);
        if (mqttOptions.Value.HomeAssistantDiscovery)
        {
            await StartDiscoveryAsync(cancellationToken);
        }
        _connectedAt = Stopwatch.GetTimestamp();
        logger.LogInformation("Connected to MQTT broker {Endpoint}; publishing on {Prefix}/{Device}/#", Endpoint, _topics.Prefix, _topics.Device);
        _outageLogged = false;
    }

    /// <summary>Publishes the discovery configs and listens for Home Assistant's restarts. The
    /// session is clean, so this runs again on every connection and no subscription is lost
    /// when the broker restarts.</summary>
    private async Task StartDiscoveryAsync(CancellationToken cancellationToken)
    {
        if (_discovery is null)
        {
            _discovery = new HomeAssistantDiscovery(mqttOptions.Value.HomeAssistantPrefix, _topics,
                Path.GetFileNameWithoutExtension(model.Path), DaemonVersion.Current, aggregationOptions.Value.WindowSeconds, mqttOptions.Value.StatsIntervalSeconds);
            _session.MessageReceived += (topic, payload) =>
            {
                if (topic == _discovery.StatusTopic && payload == "online")
                {
                    _rediscover = true;
                }
            };
        }
        await PublishDiscoveryAsync(cancellationToken);
        await _session.SubscribeAsync(_discovery.StatusTopic, cancellationToken);
    }

    private async Task PublishDiscoveryAsync(CancellationToken cancellationToken)
    {
        foreach (var (topic, payload) in _discovery!.Messages())
        {
            await PublishAsync(topic, payload, MqttQualityOfServiceLevel.AtLeastOnce, retain: true, cancellationToken);
        }
    }

    /// <param name="cancellationToken">Cuts an operation off.</param>
    /// <param name="stop">Ends the drain between messages.</param>
    private async Task DrainAsync(CancellationToken cancellationToken, CancellationToken stop)
    {
        foreach (var stream in streams.All)
        {
            var topic = _topics.Of(stream.TopicName);
            while (stream.Outbox.Peek() is { } message)
            {
                stop.ThrowIfCancellationRequested();
                await PublishAsync(topic, message.Payload, MqttQualityOfServiceLevel.AtLeastOnce, retain: false, cancellationToken);
                stream.Outbox.Remove(message.Seq);
                _log.Sent(topic, message.Seq);
                Beat();
            }
        }
    }

    private async Task PublishAsync(string topic, byte[] payload, MqttQualityOfServiceLevel qos, bool retain, CancellationToken cancellationToken)
    {
        await _session.PublishAsync(topic, payload, qos, retain, cancellationToken);
        _log.Published(topic, retain, payload);
    }

    /// <summary>
    /// Before reconnecting: was the last session taken over? MQTT 5 brokers that say so (MQTTnet's,
    /// EMQX, HiveMQ) name it in the DISCONNECT; others (Debian 12's mosquitto 2.0.11) just close the
    /// socket, so a session that is closed twice in a row within seconds of connecting, while the
    /// broker accepts every connection, counts as taken over too.
    /// </summary>
    private void CheckSessionLoss()
    {
        if (_connectedAt is not { } since)
        {
            return;
        }
        _connectedAt = null;
        _quickLosses = Stopwatch.GetElapsedTime(since) < QuickLoss ? _quickLosses + 1 : 0;
        if (_session.TakeTakenOver())
        {
            _quickLosses = 0;
            throw new SessionTakenOverException("closed this daemon's session because another client connected");
        }
        if (_quickLosses >= 2)
        {
            _quickLosses = 0;
            throw new SessionTakenOverException($"keeps closing this daemon's session within {QuickLoss.TotalSeconds:0} s of connecting, as it does when another client connects");
        }
    }

    private void Beat() => Interlocked.Exchange(ref _lastBeat, Stopwatch.GetTimestamp());

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private string Describe(Exception ex) => ex.GetBaseException() switch
    {
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData } => $"host '{Host}' does not resolve",
        SocketException s => s.Message.TrimEnd('.'),
        TimeoutException t => t.Message,
        MqttRefusedException r => $"the broker refused the connection (user '{mqttOptions.Value.Username}'): {r.Code}",
        MQTTnet.Adapter.MqttConnectingFailedException f => $"the broker refused the connection (user '{mqttOptions.Value.Username}'): {f.Message}",
        System.Security.Authentication.AuthenticationException a => $"TLS failed: {a.Message}",
        var inner => inner.Message.TrimEnd('.'),
    };
}

/// <summary>The broker closed the session because another client connected with the daemon's client id.</summary>
public sealed class SessionTakenOverException(string message) : IOException(message);
