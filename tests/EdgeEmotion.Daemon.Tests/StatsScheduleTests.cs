using System.Text.Json;
using EdgeEmotion.Daemon.Hosting;
using EdgeEmotion.Tests;
using Microsoft.Extensions.Hosting;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>Stats go out on a fixed schedule: a 1 s interval once gave 39 messages in 60 s, because
/// each period started only after the loop's other work and a fixed one-second wait.</summary>
public sealed class StatsScheduleTests(MosquittoBroker broker) : IClassFixture<MosquittoBroker>
{
    [Fact]
    public async Task Stats_keep_their_interval_and_carry_their_time()
    {
        using var state = new TempDirectory();
        const string Device = "kiosk-stats";
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{Device}/stats");
        string[] args =
        [
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={broker.Port}", $"--DeviceId={Device}", $"--StateDirectory={state.Path}",
            $"--Source:Uri=images://{DemoPictures.Folder}?fps=5", "--Mqtt:StatsIntervalSeconds=1", "--Detector:InputWidth=320",
        ];
        using (var host = DaemonHost.CreateBuilder(args, etcDirectory: null).Build())
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
            await Wait.Until(() => recorder.Messages.Count >= 8, "eight stats messages");
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
        var times = recorder.Messages.Take(8)
            .Select(m => DateTimeOffset.Parse(JsonDocument.Parse(m.Payload).RootElement.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        // The first goes out at connection; from the second on they keep the period (a late one
        // does not push the next ones back).
        var gaps = times.Skip(1).Zip(times.Skip(2), (a, b) => (b - a).TotalSeconds).ToList();
        Assert.All(gaps, g => Assert.InRange(g, 0.5, 1.5));
        Assert.InRange((times[7] - times[1]).TotalSeconds, 5.5, 6.5);
    }
}
