using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.Publishing.Session;
using MQTTnet.Protocol;

namespace EdgeEmotion.Daemon.Publishing.HomeAssistant;

/// <summary>With <c>Mqtt:HomeAssistantDiscovery</c>: publishes the discovery configs on every
/// connection and again whenever Home Assistant says it is back <c>online</c>. The session is
/// clean, so the subscription is made again on every connection and none is lost when the broker
/// restarts.</summary>
internal sealed class HomeAssistantAnnouncer(
    IOptions<MqttOptions> mqttOptions, IOptions<AggregationOptions> aggregationOptions, MqttTopics topics, EmotionModel model, MqttSession session, MessageSender sender)
{
    private HomeAssistantDiscovery? _discovery;
    // Set by the receive handler, acted on by the publishing loop: publishing from MQTTnet's handlers risks deadlocks.
    private volatile bool _asked;

    public bool Enabled => mqttOptions.Value.HomeAssistantDiscovery;

    /// <summary>After connecting: the configs, then the subscription to Home Assistant's status.</summary>
    public async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return;
        }
        if (_discovery is null)
        {
            var discovery = new HomeAssistantDiscovery(mqttOptions.Value.HomeAssistantPrefix, topics,
                Path.GetFileNameWithoutExtension(model.Path), DaemonVersion.Current, aggregationOptions.Value.WindowSeconds, mqttOptions.Value.StatsIntervalSeconds);
            session.MessageReceived += (topic, payload) =>
            {
                if (topic == discovery.StatusTopic && payload == "online")
                {
                    _asked = true;
                }
            };
            _discovery = discovery;
        }
        await PublishConfigsAsync(_discovery, cancellationToken);
        await session.SubscribeAsync(_discovery.StatusTopic, cancellationToken);
    }

    /// <summary>Publishes the configs again if Home Assistant came back since the last call.</summary>
    public async Task AnswerRestartAsync(CancellationToken cancellationToken)
    {
        if (_asked && _discovery is not null)
        {
            _asked = false;
            await PublishConfigsAsync(_discovery, cancellationToken);
        }
    }

    private async Task PublishConfigsAsync(HomeAssistantDiscovery discovery, CancellationToken cancellationToken)
    {
        foreach (var (topic, payload) in discovery.Messages())
        {
            await sender.SendAsync(topic, payload, MqttQualityOfServiceLevel.AtLeastOnce, retain: true, cancellationToken);
        }
    }
}
