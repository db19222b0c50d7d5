using System.Globalization;
using EdgeEmotion.Daemon.Diagnostics;
using EdgeEmotion.Daemon.Publishing.Durable;
using EdgeEmotion.Daemon.Publishing.Session;
using EdgeEmotion.Daemon.Publishing.Stats;
using EdgeEmotion.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>The stats publisher on a fake clock, to a real broker: the publishing loop's ticks at
/// chosen instants send stats exactly in the schedule's slots, each carrying the clock's time and
/// uptime. (The loop itself sleeps on a semaphore in real time, so the ticks are made here.)</summary>
public sealed class StatsPublisherClockTests(SharedMosquitto broker)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Ticks_send_stats_only_in_their_slots_with_the_clocks_time_and_uptime()
    {
        const string Device = "kiosk-stats-clock";
        using var state = new TempDirectory();
        using var loggers = new LoggerFactory();
        using var streams = new MessageStreams(state.Path, 100, 1 << 20, loggers);
        var clock = new FakeTimeProvider(Start);
        var stats = PipelineStatsClockTests.On(clock);
        var topics = new MqttTopics("edgeemotion", Device);
        using var session = new MqttSession(TimeSpan.FromSeconds(10), new MqttClientFactory());
        await session.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId($"edgeemotion-{Device}").Build(), TestContext.Current.CancellationToken);
        var sender = new MessageSender(session, new PublishLog(everyMessage: false, NullLogger.Instance, clock));
        var publisher = new StatsPublisher(stats, streams, topics, sender, Microsoft.Extensions.Options.Options.Create(new MqttOptions { StatsIntervalSeconds = 10 }), clock, Microsoft.Extensions.Options.Options.Create(new DaemonOptions()));
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, topics.Stats);

        // Ticks (seconds after start): on time, early, on time, 7 s late, on the grid, 12 s late
        // (past a whole period: the next slot is 10 s after it), early, on time.
        double[] ticks = [0, 9.9, 10, 27, 30, 52, 61.9, 62];
        foreach (var tick in ticks)
        {
            clock.SetUtcNow(Start + TimeSpan.FromSeconds(tick));
            await publisher.PublishIfDueAsync(clock.GetUtcNow(), TestContext.Current.CancellationToken);
        }
        double[] sent = [0, 10, 27, 30, 52, 62];
        await Wait.Until(() => recorder.Messages.Count(m => !m.Retained) >= sent.Length, $"{sent.Length} stats messages", seen: () => $"{recorder.Messages.Count}");
        var payloads = recorder.Messages.Where(m => !m.Retained).Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();
        Assert.Equal(
            sent.Select(s => (Start + TimeSpan.FromSeconds(s), s)),
            payloads.Select(p => (DateTimeOffset.Parse(p.GetProperty("time").GetString()!, CultureInfo.InvariantCulture), p.GetProperty("uptime_s").GetDouble())));
        Assert.Equal(Start + TimeSpan.FromSeconds(72), publisher.NextDue);
    }
}
