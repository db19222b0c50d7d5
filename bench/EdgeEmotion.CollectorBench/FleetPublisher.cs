using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeEmotion.CollectorBench;

/// <summary>Publishes a fleet's messages into the broker as fast as QoS 1 allows.</summary>
internal static class FleetPublisher
{
    /// <summary>Per device, one publisher (so each device's messages keep their order, as one
    /// daemon's do); the publishers run side by side, each awaiting every QoS 1 acknowledgement.</summary>
    public static async Task PublishAsync(int port, IReadOnlyList<(string Topic, byte[] Payload)> messages, int publishers)
    {
        var factory = new MqttClientFactory();
        var groups = messages.GroupBy(m => Math.Abs(m.Topic.Split('/')[0].GetHashCode(StringComparison.Ordinal)) % publishers);
        await Task.WhenAll(groups.Select(async group =>
        {
            using var client = factory.CreateMqttClient();
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"bench-fleet-{group.Key}").Build());
            foreach (var (topic, payload) in group)
            {
                await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("bench/" + topic).WithPayload(payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            }
            await client.DisconnectAsync();
        }));
    }
}
