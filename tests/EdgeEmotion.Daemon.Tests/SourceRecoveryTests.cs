using System.Text.Json;
using EdgeEmotion.Daemon.Hosting;
using EdgeEmotion.Tests;
using Microsoft.Extensions.Hosting;

namespace EdgeEmotion.Daemon.Tests;

public sealed class SourceRecoveryTests : IClassFixture<MosquittoBroker>
{
    private readonly MosquittoBroker _broker;

    public SourceRecoveryTests(MosquittoBroker broker) => _broker = broker;

    [Fact]
    public async Task A_source_that_disappears_and_returns_resumes_without_restart()
    {
        using var dir = new TempDirectory();
        var pictures = dir.Combine("camera");
        Directory.CreateDirectory(pictures);
        foreach (var f in Directory.GetFiles(DemoPictures.Folder, "*.jpg"))
        {
            File.Copy(f, Path.Combine(pictures, Path.GetFileName(f)));
        }
        const string Device = "kiosk-camera";
        await using var recorder = await MqttRecorder.StartAsync(_broker.Port, $"edgeemotion/{Device}/#");
        string[] args =
        [
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={_broker.Port}", $"--DeviceId={Device}", $"--StateDirectory={dir.Combine("state")}",
            $"--Source:Uri=images://{pictures}?fps=5", "--Source:RetrySeconds=0.5", "--Aggregation:WindowSeconds=1",
            "--Mqtt:StatsIntervalSeconds=1", "--Detector:InputWidth=320",
        ];
        using var host = DaemonHost.CreateBuilder(args, etcDirectory: null).Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        await Task.Delay(2000, TestContext.Current.CancellationToken);

        Directory.Move(pictures, pictures + "-unplugged");
        await Task.Delay(2500, TestContext.Current.CancellationToken);
        var whileGone = DateTime.UtcNow;
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Directory.Move(pictures + "-unplugged", pictures);
        var back = DateTime.UtcNow;
        await Task.Delay(3500, TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);

        var stats = recorder.On("/stats").Select(m => (m.At, Json: JsonDocument.Parse(m.Payload).RootElement)).ToList();
        Assert.Contains(stats, s => s.At <= whileGone.AddSeconds(1) && s.Json.GetProperty("source_state").GetString() == "retrying");
        Assert.Equal("running", stats[^1].Json.GetProperty("source_state").GetString());
        Assert.True(stats[^1].Json.GetProperty("source_failures").GetInt64() >= 1);
        var framesAfter = recorder.On("/emotions").Where(m => m.At > back.AddSeconds(1.5))
            .Sum(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("frames").GetInt64());
        Assert.True(framesAfter > 0, "no frames analysed after the source returned");
    }
}
