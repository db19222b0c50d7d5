using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using MQTTnet;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>A subscriber that records every message on a topic filter with its arrival time.</summary>
public sealed class MqttRecorder : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public sealed record Received(string Topic, string Payload, bool Retained, DateTime At);

    public ConcurrentQueue<Received> Messages { get; } = new();

    public static async Task<MqttRecorder> StartAsync(int port, string filter, (string User, string Password)? credentials = null)
    {
        var recorder = new MqttRecorder();
        recorder._client.ApplicationMessageReceivedAsync += e =>
        {
            recorder.Messages.Enqueue(new Received(e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString(), e.ApplicationMessage.Retain, DateTime.UtcNow));
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("recorder-" + Guid.NewGuid().ToString("N")[..8]);
        if (credentials is { } c)
        {
            options.WithCredentials(c.User, c.Password);
        }
        await recorder._client.ConnectAsync(options.Build());
        await recorder._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return recorder;
    }

    /// <summary>Publishes with the recorder's own connection (as another client on the broker would).</summary>
    public Task PublishAsync(string topic, string payload) =>
        _client.PublishStringAsync(topic, payload, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);

    public List<Received> On(string topicSuffix) => [.. Messages.Where(m => m.Topic.EndsWith(topicSuffix, StringComparison.Ordinal))];

    /// <summary>The <c>seq</c> of each message on <paramref name="topicSuffix"/> (<c>/emotions</c>, <c>/visits</c>), in arrival order.</summary>
    public List<long> Seqs(string topicSuffix) => [.. On(topicSuffix).Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("seq").GetInt64())];

    /// <summary>The first message that matches, once it has come; <paramref name="timeout"/> only
    /// bounds a wait that would otherwise hang (a loaded machine takes its time: no tighter bound
    /// than <see cref="Wait.DefaultLimit"/> unless the condition itself needs one).</summary>
    public Task<Received> WaitForAsync(Func<Received, bool> match, TimeSpan? timeout = null) =>
        Wait.ForObject(() => Messages.FirstOrDefault(match), "a matching message", timeout,
            seen: () => string.Join(" | ", Messages.Select(m => $"{m.Topic}={m.Payload}")));

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }
        _client.Dispose();
    }

    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
