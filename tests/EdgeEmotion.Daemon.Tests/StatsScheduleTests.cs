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
        // The first goes out at connection; from the second on they keep a schedule: the k-th is
        // due one period after the (k-1)-th was due, not after it went out. None goes out before
        // its slot, and a late one does not push the next ones back: lateness does not add up.
        // (A busy machine can make any one of them late - a run under load once sent one 0.66 s
        // late and the next 0.34 s after it - so no single gap is bounded.) With the old fixed
        // wait each period grew by the loop's work, and by the fifth message every one of them
        // was more than half a period behind its slot.
        var lateness = Enumerable.Range(1, 7).Select(k => (times[k] - (times[1] + TimeSpan.FromSeconds(k - 1))).TotalSeconds).ToList();
        Assert.All(lateness, late => Assert.True(late > -0.05, $"a stats message went out {-late:F2} s before its slot: {string.Join(", ", lateness)}"));
        Assert.True(lateness.Skip(3).Min() < 0.5, $"lateness adds up from one message to the next (seconds behind each slot): {string.Join(", ", lateness)}");
    }
}
