using System.Globalization;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>What only a running daemon and a real broker show of the stats. When they are due is
/// checked exactly on a fake clock (StatsScheduleSlotTests for the slots, StatsPublisherClockTests
/// for the publisher's ticks and the times it writes), so nothing here is timed: the publishing
/// loop wakes up for the stats by itself, again and again, each message with a later time, and the
/// broker keeps the last one (the one sent at stop) for whoever subscribes later.</summary>
public sealed class StatsScheduleTests(SharedMosquitto broker)
{
    private const int Messages = 4;

    [Fact]
    public async Task The_running_daemon_keeps_sending_stats_and_the_broker_keeps_the_last()
    {
        using var state = new TempDirectory();
        const string Device = "kiosk-stats";
        var topic = $"edgeemotion/{Device}/stats";
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, topic);
        string[] args =
        [
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={broker.Port}", $"--DeviceId={Device}", $"--StateDirectory={state.Path}",
            $"--Source:Uri=images://{DemoPictures.Folder}?fps=5", "--Mqtt:StatsIntervalSeconds=1", "--Detector:InputWidth=320",
        ];
        using (var host = DaemonHost.CreateBuilder(args, etcDirectory: null).Build())
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
            await Wait.Until(() => recorder.Messages.Count(m => !m.Retained) >= Messages, $"{Messages} stats messages", seen: () => $"{recorder.Messages.Count}");
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
        var times = recorder.Messages.Where(m => !m.Retained).Take(Messages).Select(m => Time(m.Payload)).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(Messages, times.Distinct().Count());

        await using var late = await MqttRecorder.StartAsync(broker.Port, topic);
        var retained = await late.WaitForAsync(m => m.Retained);
        await Wait.Until(() => recorder.Messages.Last().Payload == retained.Payload, "the last stats received to be the retained ones");
    }

    private static DateTimeOffset Time(string payload) =>
        DateTimeOffset.Parse(JsonDocument.Parse(payload).RootElement.GetProperty("time").GetString()!, CultureInfo.InvariantCulture);
}
