using System.Buffers;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeEmotion.Bench.Faults;

/// <summary>
/// A dashboard that must not lose anything itself, so that every gap it sees is the daemon's:
/// connected straight to mosquitto (not through the fault proxy) with a fixed client id and a
/// persistent session (MQTT 3.1.1, clean session off), so the broker queues QoS 1 messages while
/// it is away; it reconnects as soon as the broker is back and subscribes again each time.
/// </summary>
public sealed class PersistentSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;
    private readonly string[] _topics;
    private readonly CancellationTokenSource _stop = new();
    private Task? _keepConnected;

    public PersistentSubscriber(int port, string clientId, string[] topics, Action<string, byte[]> received)
    {
        _topics = topics;
        _options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession(false)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(5))
            .WithTimeout(TimeSpan.FromSeconds(5))
            .Build();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            // Recorded before the PUBACK goes back (MQTTnet acknowledges after this returns).
            received(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
    }

    /// <summary>Connections made after the first (the broker was killed or restarted).</summary>
    public int Reconnects { get; private set; }

    /// <summary>Connects and subscribes once (failing loudly), then keeps the connection up.</summary>
    public async Task StartAsync()
    {
        await ConnectAndSubscribeAsync(_stop.Token);
        _keepConnected = KeepConnectedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_keepConnected is not null)
        {
            await _keepConnected;
        }
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task KeepConnectedAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(100, _stop.Token);
                if (!_client.IsConnected)
                {
                    await ConnectAndSubscribeAsync(_stop.Token);
                    Reconnects++;
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // The broker is still down: try again in a moment.
            }
        }
    }

    private async Task ConnectAndSubscribeAsync(CancellationToken cancellationToken)
    {
        await _client.ConnectAsync(_options, cancellationToken);
        // Also when the broker kept the session: subscribing again is harmless, and a broker that
        // lost its session file would otherwise drop every message for this client.
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var topic in _topics)
        {
            subscribe.WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        }
        await _client.SubscribeAsync(subscribe.Build(), cancellationToken);
    }
}
