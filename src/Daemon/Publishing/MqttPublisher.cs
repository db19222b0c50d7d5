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
/// <c>online</c>, publishes queued windows in order at QoS 1 and stats (retained) on schedule.
/// MQTTnet 5 has no managed client, and reconnecting from its Disconnected event risks
/// deadlocks, so this loop pings and reconnects with exponential backoff itself.
/// </summary>
public sealed class MqttPublisher(
    IOptions<MqttOptions> mqttOptions,
    IOptions<DaemonOptions> daemonOptions,
    EmbeddedBroker broker,
    MqttConnectionSettings connection,
    Outbox outbox,
    EmotionModel model,
    PipelineStats stats,
    ILogger<MqttPublisher> logger) : BackgroundService
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttTopics _topics = new(mqttOptions.Value.TopicPrefix, daemonOptions.Value.ResolvedDeviceId);
    private bool _outageLogged;

    // Packets are never cancelled half-way: MQTTnet can leave a partly written PUBLISH on the
    // socket, and the broker then reads the next packet as its payload (seen in tests as a
    // garbled 'emotions' message). The client's 10 s timeout bounds each operation; stopping
    // waits for the packet in flight.
    private static readonly CancellationToken NoCancel = CancellationToken.None;
    private HomeAssistantDiscovery? _discovery;
    // Set by the receive handler, acted on by the loop: publishing from MQTTnet's handlers risks deadlocks.
    private volatile bool _rediscover;

    public MqttTopics Topics => _topics;

    private string Endpoint => $"{Host}:{Port}";
    private string Host => broker.Enabled ? "127.0.0.1" : mqttOptions.Value.Host;
    private int Port => broker.Enabled ? broker.Port : mqttOptions.Value.Port;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        var nextStats = DateTime.UtcNow;
        var nextPing = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    await ConnectAsync(stoppingToken);
                    backoff = TimeSpan.FromSeconds(1);
                }
                await DrainAsync(NoCancel);
                if (_rediscover)
                {
                    _rediscover = false;
                    await PublishDiscoveryAsync(NoCancel);
                }
                if (DateTime.UtcNow >= nextStats)
                {
                    await PublishAsync(_topics.Stats, MqttPayloads.Stats(stats.Snapshot(outbox.Count, outbox.Dropped), _topics.Device), MqttQualityOfServiceLevel.AtMostOnce, retain: true, NoCancel);
                    nextStats = DateTime.UtcNow.AddSeconds(mqttOptions.Value.StatsIntervalSeconds);
                }
                if (DateTime.UtcNow >= nextPing)
                {
                    if (!await _client.TryPingAsync(NoCancel))
                    {
                        throw new IOException("ping unanswered");
                    }
                    nextPing = DateTime.UtcNow.AddSeconds(5);
                }
                try
                {
                    await outbox.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                if (!_outageLogged)
                {
                    logger.LogWarning("MQTT broker {Endpoint} unreachable: {Reason}. Retrying with backoff up to {Max}s; {Pending} window(s) kept.",
                        Endpoint, Describe(ex), mqttOptions.Value.MaxReconnectSeconds, outbox.Count);
                    _outageLogged = true;
                }
                try
                {
                    await Task.Delay(backoff, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, mqttOptions.Value.MaxReconnectSeconds));
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping cut a connection attempt short (MQTTnet may report that as a timeout):
                // StopAsync reconnects if needed and sends what is left, then 'offline'.
                break;
            }
        }
    }

    /// <summary>On shutdown: publish what the window service flushed, then <c>offline</c>, then disconnect.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            if (!_client.IsConnected)
            {
                await ConnectAsync(timeout.Token);
            }
            await DrainAsync(timeout.Token);
            await PublishAsync(_topics.Status, Encoding.UTF8.GetBytes("offline"), MqttQualityOfServiceLevel.AtLeastOnce, retain: true, timeout.Token);
            await _client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Could not publish the final windows and 'offline' to {Endpoint}: {Reason}; {Pending} window(s) not sent.", Endpoint, Describe(ex), outbox.Count);
        }
    }

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(Host, Port)
            .WithClientId($"edgeemotion-{_topics.Device}")
            .WithCleanSession(true)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithWillTopic(_topics.Status)
            .WithWillPayload("offline")
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        connection.Apply(builder);
        var result = await _client.ConnectAsync(builder.Build(), cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new IOException($"the broker refused the connection (user '{mqttOptions.Value.Username}'): {result.ResultCode}");
        }
        await PublishAsync(_topics.Status, Encoding.UTF8.GetBytes("online"), MqttQualityOfServiceLevel.AtLeastOnce, retain: true, NoCancel);
        if (mqttOptions.Value.HomeAssistantDiscovery)
        {
            await StartDiscoveryAsync(NoCancel);
        }
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
                Path.GetFileNameWithoutExtension(model.Path), DaemonVersion.Current);
            _client.ApplicationMessageReceivedAsync += e =>
            {
                if (e.ApplicationMessage.Topic == _discovery.StatusTopic && e.ApplicationMessage.ConvertPayloadToString() == "online")
                {
                    _rediscover = true;
                }
                return Task.CompletedTask;
            };
        }
        await PublishDiscoveryAsync(cancellationToken);
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(_discovery.StatusTopic, MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
    }

    private async Task PublishDiscoveryAsync(CancellationToken cancellationToken)
    {
        foreach (var (topic, payload) in _discovery!.Messages())
        {
            await PublishAsync(topic, payload, MqttQualityOfServiceLevel.AtLeastOnce, retain: true, cancellationToken);
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (outbox.Peek() is { } window)
        {
            await PublishAsync(_topics.Emotions, window.Payload, MqttQualityOfServiceLevel.AtLeastOnce, retain: false, cancellationToken);
            outbox.Remove(window.Seq);
        }
    }

    private async Task PublishAsync(string topic, byte[] payload, MqttQualityOfServiceLevel qos, bool retain, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(qos)
            .WithRetainFlag(retain)
            .Build();
        var result = await _client.PublishAsync(message, cancellationToken);
        if (!result.IsSuccess)
        {
            throw new IOException($"broker refused the message on {topic}: {result.ReasonCode}");
        }
        if (mqttOptions.Value.LogMessages)
        {
            logger.LogInformation("Published {Topic}{Retained}: {Payload}", topic, retain ? " (retained)" : "", Encoding.UTF8.GetString(payload));
        }
    }

    private string Describe(Exception ex) => ex.GetBaseException() switch
    {
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData } => $"host '{Host}' does not resolve",
        SocketException s => s.Message,
        MQTTnet.Adapter.MqttConnectingFailedException f => $"the broker refused the connection (user '{mqttOptions.Value.Username}'): {f.Message}",
        System.Security.Authentication.AuthenticationException a => $"TLS failed: {a.Message}",
        var inner => inner.Message,
    };
}
