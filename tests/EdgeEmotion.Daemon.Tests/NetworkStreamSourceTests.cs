using System.Text.Json;
using EdgeEmotion.Daemon.Hosting;
using EdgeEmotion.Daemon.Sources;
using EdgeEmotion.Tests;
using Microsoft.Extensions.Hosting;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>An IP camera's HTTP MJPEG stream: frames arrive whole, a stream that stops is a
/// failure (retried), never an end, and the daemon resumes by itself when the camera returns.</summary>
public sealed class NetworkStreamSourceTests : IClassFixture<MosquittoBroker>
{
    private static readonly string Picture = Path.Combine(DemoPictures.Folder, "group-10.jpg");
    private readonly MosquittoBroker _broker;

    public NetworkStreamSourceTests(MosquittoBroker broker) => _broker = broker;

    [Fact]
    public void Frames_arrive_and_a_stream_that_stops_is_a_failure_not_an_end()
    {
        using var camera = new MjpegServer(Picture, fps: 20);
        var expected = EdgeEmotion.Core.Imaging.ImageDecoder.ReadGray(Picture);
        using (var source = new MjpegHttpSource(SourceUri.Parse(camera.Url)))
        {
            for (var i = 0; i < 5; i++)
            {
                var frame = source.Read(TestContext.Current.CancellationToken);
                Assert.NotNull(frame);
                Assert.Equal((expected.Width, expected.Height), (frame.Width, frame.Height));
                Assert.Equal(expected.Pixels, frame.Pixels);
            }
            camera.Stop();
            var error = Assert.Throws<IOException>(() =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    source.Read(TestContext.Current.CancellationToken);
                }
            });
            Assert.Contains("closed the stream", error.Message);
        }
    }

    [Fact]
    public async Task The_daemon_resumes_by_itself_when_the_camera_stream_returns()
    {
        using var camera = new MjpegServer(Picture, fps: 10);
        using var state = new TempDirectory();
        const string Device = "kiosk-ipcam";
        await using var recorder = await MqttRecorder.StartAsync(_broker.Port, $"edgeemotion/{Device}/#");
        string[] args =
        [
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={_broker.Port}", $"--DeviceId={Device}", $"--StateDirectory={state.Path}",
            $"--Source:Uri={camera.Url}", "--Source:RetrySeconds=0.5", "--Aggregation:WindowSeconds=1",
            "--Mqtt:StatsIntervalSeconds=1", "--Detector:InputWidth=320", "--Mqtt:LogMessages=false",
        ];
        using var host = DaemonHost.CreateBuilder(args, etcDirectory: null).Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        await recorder.WaitForAsync(m => m.Topic.EndsWith("/emotions", StringComparison.Ordinal) && JsonDocument.Parse(m.Payload).RootElement.GetProperty("faces").GetInt64() > 0, TimeSpan.FromSeconds(20));

        camera.Stop();
        var retrying = await recorder.WaitForAsync(m => m.Topic.EndsWith("/stats", StringComparison.Ordinal)
            && JsonDocument.Parse(m.Payload).RootElement.GetProperty("source_state").GetString() == "retrying", TimeSpan.FromSeconds(20));
        await Task.Delay(2000, TestContext.Current.CancellationToken);
        camera.Start();
        var back = DateTime.UtcNow;
        var resumed = await recorder.WaitForAsync(m => m.At > back && m.Topic.EndsWith("/emotions", StringComparison.Ordinal)
            && JsonDocument.Parse(m.Payload).RootElement.GetProperty("faces").GetInt64() > 0, TimeSpan.FromSeconds(60));
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.DoesNotContain(recorder.On("/stats"), m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("source_state").GetString() == "ended");
        Assert.True(resumed.At > retrying.At);
    }
}
