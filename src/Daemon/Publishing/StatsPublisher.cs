using EdgeEmotion.Daemon.Diagnostics;
using EdgeEmotion.Daemon.Options;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;

namespace EdgeEmotion.Daemon.Publishing;

/// <summary>Publishes the retained <c>stats</c> every <c>Mqtt:StatsIntervalSeconds</c>, on a
/// schedule rather than an interval after the last one (the loop's own time does not stretch the
/// period), and once more at stop.</summary>
public sealed class StatsPublisher(PipelineStats stats, MessageStreams streams, MqttTopics topics, MessageSender sender, IOptions<MqttOptions> options, TimeProvider clock)
{
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(options.Value.StatsIntervalSeconds);

    /// <summary>When the next stats are due; the first go out at once.</summary>
    public DateTimeOffset NextDue { get; private set; } = clock.GetUtcNow();

    /// <summary>Publishes the stats if they are due at <paramref name="now"/>.</summary>
    public async Task PublishIfDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now < NextDue)
        {
            return;
        }
        await PublishAsync(now, cancellationToken);
        var next = NextDue + _interval;
        NextDue = next < now ? now + _interval : next;
    }

    /// <summary>Publishes the stats as of <paramref name="now"/>, whether due or not (the last word at stop).</summary>
    public Task PublishAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        sender.SendAsync(topics.Stats, MqttPayloads.Stats(stats.Snapshot(streams.Health(now), now), topics.Device), MqttQualityOfServiceLevel.AtMostOnce, retain: true, cancellationToken);
}
