using EdgeEmotion.Daemon.Diagnostics;
using EdgeEmotion.Daemon.Publishing.Durable;
using EdgeEmotion.Daemon.Publishing.Session;
using MQTTnet.Protocol;

namespace EdgeEmotion.Daemon.Publishing;

/// <summary>Sends the queued windows and visits in <c>seq</c> order at QoS 1, removing each from its
/// outbox only once the broker acknowledged it.</summary>
internal sealed class OutboxDrain(MessageStreams streams, MqttTopics topics, MessageSender sender, PublishLog log, LoopHeartbeats heartbeats)
{
    /// <param name="cancellationToken">Cuts an operation off.</param>
    /// <param name="stop">Ends the drain between messages.</param>
    public async Task DrainAsync(CancellationToken cancellationToken, CancellationToken stop)
    {
        foreach (var stream in streams.All)
        {
            var topic = topics.Of(stream.TopicName);
            // Messages closed while the disk refused a seq reservation get their numbers once it takes one.
            stream.NumberWaiting();
            while (stream.Outbox.Peek() is { } message)
            {
                stop.ThrowIfCancellationRequested();
                await sender.SendAsync(topic, message.Payload, MqttQualityOfServiceLevel.AtLeastOnce, retain: false, cancellationToken);
                stream.Outbox.Remove(message.Seq);
                log.Sent(topic, message.Seq);
                // A long backlog is progress, not a hang.
                heartbeats.Publishing.Beat();
            }
        }
    }
}
