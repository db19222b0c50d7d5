using EdgeEmotion.Daemon.Diagnostics;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.Publishing.Durable;
using EdgeEmotion.Daemon.Publishing.Payloads;
using EdgeEmotion.Daemon.Publishing.Session;
using MQTTnet.Protocol;

namespace EdgeEmotion.Daemon.Publishing.Stats;

/// <summary>Publishes the retained <c>stats</c> every <c>Mqtt:StatsIntervalSeconds</c> on a
/// <see cref="StatsSchedule"/>, and once more at stop.</summary>
internal sealed class StatsPublisher(PipelineStats stats, MessageStreams streams, MqttTopics topics, MessageSender sender, IOptions<MqttOptions> options, TimeProvider clock, IOptions<DaemonOptions> daemonOptions)
{
    private readonly string _site = daemonOptions.Value.Site;
    private readonly StatsSchedule _schedule = new(TimeSpan.FromSeconds(options.Value.StatsIntervalSeconds), clock.GetUtcNow());

    /// <summary>When the next stats are due; the first go out at once.</summary>
    public DateTimeOffset NextDue => _schedule.NextDue;

    /// <summary>Publishes the stats if they are due at <paramref name="now"/>.</summary>
    public async Task PublishIfDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!_schedule.IsDue(now))
        {
            return;
        }
        await PublishAsync(now, cancellationToken);
        _schedule.Advance(now);
    }

    /// <summary>Publishes the stats as of <paramref name="now"/>, whether due or not (the last word at stop).</summary>
    public Task PublishAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        sender.SendAsync(topics.Stats, MqttPayloads.Stats(stats.Snapshot(streams.Health(now), now), topics.Device, _site), MqttQualityOfServiceLevel.AtMostOnce, retain: true, cancellationToken);
}
