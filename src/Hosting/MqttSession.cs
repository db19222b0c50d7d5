using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeEmotion.Hosting;

/// <summary>
/// One MQTT 5 connection to the broker, every operation bounded by <c>Mqtt:TimeoutSeconds</c>. A
/// broker that accepts TCP and never answers would otherwise hold a publish forever. An operation
/// that fails or times out abandons the connection (the client is disposed and a new one made): a
/// packet cut off half-way dies with its TCP connection instead of garbling the next one.
/// MQTT 5 because only it tells why the broker closed a session (a second daemon with the same
/// client id takes it over: <see cref="TakeTakenOver"/>). Its clients come from MQTTnet's
/// <see cref="MqttClientFactory"/>, which the daemon shares (a test may hand in its own).
/// </summary>
public sealed class MqttSession(TimeSpan timeout, MqttClientFactory clients) : IDisposable
{
    private IMqttClient _client = clients.CreateMqttClient();
    private volatile bool _takenOver;

    /// <summary>Raised for messages on subscribed topics (MQTTnet's receive thread: do not publish from it).</summary>
    public event Action<string, string>? MessageReceived;

    public bool IsConnected => _client.IsConnected;

    /// <summary>Whether the broker ended the last connection because another client connected with
    /// its client id; reading clears it.</summary>
    public bool TakeTakenOver()
    {
        var was = _takenOver;
        _takenOver = false;
        return was;
    }

    public async Task ConnectAsync(MqttClientOptions options, CancellationToken cancellationToken)
    {
        Reset();
        var client = _client;
        client.DisconnectedAsync += e =>
        {
            if (ReferenceEquals(client, _client) && e.Reason == MqttClientDisconnectReason.SessionTakenOver)
            {
                _takenOver = true;
            }
            return Task.CompletedTask;
        };
        _client.ApplicationMessageReceivedAsync += e =>
        {
            MessageReceived?.Invoke(e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString());
            return Task.CompletedTask;
        };
        options.ProtocolVersion = MqttProtocolVersion.V500;
        options.Timeout = timeout;
        var result = await Bounded(token => _client.ConnectAsync(options, token), "connect", cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            Reset();
            throw new MqttRefusedException($"the broker refused the connection: {result.ResultCode}", result.ResultCode);
        }
    }

    public async Task PublishAsync(string topic, byte[] payload, MqttQualityOfServiceLevel qos, bool retain, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(qos)
            .WithRetainFlag(retain)
            .Build();
        var result = await Bounded(token => _client.PublishAsync(message, token), $"publish on {topic}", cancellationToken);
        // MQTT 5 acknowledges a message nobody subscribes to with 'no matching subscribers': it was accepted.
        if (result.ReasonCode is not (MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers))
        {
            Reset();
            throw new IOException($"the broker refused the message on {topic}: {result.ReasonCode}");
        }
    }

    public Task SubscribeAsync(string topic, CancellationToken cancellationToken) =>
        Bounded(token => _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build(), token), $"subscribe to {topic}", cancellationToken);

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await Bounded(async token =>
        {
            await _client.PingAsync(token);
            return true;
        }, "ping", cancellationToken);
    }

    /// <summary>A clean DISCONNECT (no last will), bounded; failures only abandon the connection.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Bounded(async token =>
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptions(), token);
                return true;
            }, "disconnect", cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            // Already gone: the broker publishes the last will, which says the same thing.
        }
    }

    /// <summary>Abandons the connection without a DISCONNECT (the broker sends the last will).</summary>
    public void Reset()
    {
        var old = _client;
        _client = clients.CreateMqttClient();
        old.Dispose();
    }

    public void Dispose() => _client.Dispose();

    private async Task<T> Bounded<T>(Func<CancellationToken, Task<T>> operation, string what, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        try
        {
            return await operation(bound.Token).WaitAsync(bound.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Reset();
            throw new TimeoutException($"no answer from the broker to {what} within {timeout.TotalSeconds:0.#} s");
        }
        catch (Exception ex) when (ex is not MqttRefusedException)
        {
            Reset();
            throw;
        }
    }
}

/// <summary>The broker answered the connection with a refusal (bad credentials, not authorised, …).</summary>
public sealed class MqttRefusedException(string message, MqttClientConnectResultCode code) : IOException(message)
{
    public MqttClientConnectResultCode Code { get; } = code;
}
