using MQTTnet.Protocol;

namespace EdgeEmotion.Daemon.Publishing.Session;

/// <summary>Sends one message on the daemon's session and tells the journal (<see cref="PublishLog"/>).</summary>
internal sealed class MessageSender(MqttSession session, PublishLog log)
{
    public async Task SendAsync(string topic, byte[] payload, MqttQualityOfServiceLevel qos, bool retain, CancellationToken cancellationToken)
    {
        await session.PublishAsync(topic, payload, qos, retain, cancellationToken);
        log.Published(topic, retain, payload);
    }
}
