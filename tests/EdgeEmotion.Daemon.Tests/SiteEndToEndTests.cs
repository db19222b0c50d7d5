using System.Text;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>
/// <c>Site</c> reaches every message that carries it: the daemon process plays a real clip once
/// to mosquitto with a store's name set, and each <c>emotions</c>, <c>visits</c> and <c>stats</c>
/// message it sent, read with the contract library's reader (which also proves the reader against
/// the live daemon), names that store.
/// </summary>
public sealed class SiteEndToEndTests(SharedMosquitto broker)
{
    private const string Site = "Store 12 – Main Street";

    [Fact]
    public async Task Windows_visits_and_stats_carry_the_site()
    {
        using var state = new TempDirectory();
        var device = "kiosk-site";
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{device}/#");
        var clip = Path.Combine(RepoPaths.Shared, "data", "clips", "head-pose-face-detection-male");
        using (var daemon = DaemonProcess.Start(
        [
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={broker.Port}", $"--DeviceId={device}", $"--StateDirectory={state.Path}",
            $"--Source:Uri=images://{clip}?fps=12&loop=false&realtime=false", "--Aggregation:WindowSeconds=1", $"--Site={Site}",
        ]))
        {
            Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(120)), daemon.Output);
            Assert.True(daemon.ExitCode == 0, daemon.Output);
        }
        await recorder.WaitForAsync(m => m.Topic.EndsWith("/status", StringComparison.Ordinal) && m.Payload == StatusPayload.Offline);

        var windows = recorder.On("/emotions").Select(m => EmotionsMessage.Read(Encoding.UTF8.GetBytes(m.Payload))).ToList();
        var visits = recorder.On("/visits").Select(m => VisitMessage.Read(Encoding.UTF8.GetBytes(m.Payload))).ToList();
        var stats = recorder.On("/stats").Select(m => StatsMessage.Read(Encoding.UTF8.GetBytes(m.Payload))).ToList();
        Assert.NotEmpty(windows);
        Assert.NotEmpty(visits);
        Assert.NotEmpty(stats); // at least the last one, sent at stop
        Assert.All(windows, w => Assert.Equal(Site, w.Site));
        Assert.All(visits, v => Assert.Equal(Site, v.Site));
        Assert.All(stats, s => Assert.Equal(Site, s.Site));
    }
}
