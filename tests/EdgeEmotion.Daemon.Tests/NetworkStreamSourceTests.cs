using EdgeEmotion.Daemon.Sources;
using EdgeEmotion.Hosting;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>An IP camera's HTTP MJPEG stream: frames arrive whole, a stream that stops is a
/// failure (retried), never an end, and the daemon resumes by itself when the camera returns.</summary>
public sealed class NetworkStreamSourceTests(SharedMosquitto broker)
{
    private static readonly string Picture = Path.Combine(DemoPictures.Folder, "group-10.jpg");

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
    public void A_truncated_JPEG_in_the_stream_is_a_malformed_frame_and_the_next_one_is_whole()
    {
        using var camera = new MjpegServer(Picture, fps: 30, truncateEvery: 3);
        var expected = EdgeEmotion.Core.Imaging.ImageDecoder.ReadGray(Picture);
        using var source = new MjpegHttpSource(SourceUri.Parse(camera.Url));
        var whole = 0;
        var malformed = 0;
        for (var i = 0; i < 9; i++)
        {
            try
            {
                Assert.Equal(expected.Pixels, source.Read(TestContext.Current.CancellationToken)!.Pixels);
                whole++;
            }
            catch (InvalidDataException)
            {
                malformed++;
            }
        }
        Assert.Equal((6, 3), (whole, malformed));
    }

    [Fact]
    public void Credentials_in_the_URI_are_sent_and_a_wrong_password_is_a_clear_error()
    {
        using var camera = new MjpegServer(Picture, fps: 20, credentials: ("viewer", "s3cret:pw"));
        var url = new UriBuilder(camera.Url) { UserName = "viewer", Password = Uri.EscapeDataString("s3cret:pw") }.Uri.ToString();
        using (var source = new MjpegHttpSource(SourceUri.Parse(url)))
        {
            Assert.NotNull(source.Read(TestContext.Current.CancellationToken));
            Assert.DoesNotContain("s3cret", source.Name);
        }
        var wrong = new UriBuilder(camera.Url) { UserName = "viewer", Password = "guess" }.Uri.ToString();
        var error = Assert.Throws<IOException>(() => new MjpegHttpSource(SourceUri.Parse(wrong)));
        Assert.Contains("HTTP 401", error.Message);
        Assert.DoesNotContain("guess", error.Message);
    }

    [Fact]
    public async Task A_URL_without_a_camera_or_with_a_web_page_is_a_clear_error()
    {
        var nothing = Assert.Throws<IOException>(() => new MjpegHttpSource(SourceUri.Parse($"http://127.0.0.1:{LoopbackPort.Free()}/video.mjpg")));
        Assert.StartsWith("Cannot open MjpegHttp:http://127.0.0.1:", nothing.Message);

        // A camera's web page instead of its stream.
        using var page = new OneAnswerServer("HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html>camera</html>"u8.ToArray());
        // Not MJPEG: the daemon hands such a URL to ffmpeg (FrameSourceFactory), which names what it finds.
        var html = Assert.Throws<NotMjpegStreamException>(() => new MjpegHttpSource(SourceUri.Parse($"http://127.0.0.1:{page.Port}/")));
        Assert.Contains("is not an MJPEG stream (Content-Type 'text/html')", html.Message);
        await page.Answered;
    }

    /// <summary>A redirect is named, not followed: one to file:// made .NET say only "Invalid URI:
    /// The hostname could not be parsed".</summary>
    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://other-camera.example/video.mjpg?token=T0k3n")]
    public async Task A_redirect_is_named_in_one_line_and_not_followed(string location)
    {
        using var redirect = new OneAnswerServer(System.Text.Encoding.ASCII.GetBytes($"HTTP/1.0 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        var port = redirect.Port;
        var error = Assert.Throws<IOException>(() => new MjpegHttpSource(SourceUri.Parse($"http://admin:Pw-R3@127.0.0.1:{port}/video.mjpg")));
        Assert.Equal($"MjpegHttp:http://***@127.0.0.1:{port}/video.mjpg redirects (HTTP 302) to '{CredentialMask.Apply(location)}', which is not followed; set Source:Uri to the camera's MJPEG URL itself.", error.Message);
        Assert.DoesNotContain("T0k3n", error.Message);
        await redirect.Answered;
    }

    [Fact]
    public async Task The_daemon_resumes_by_itself_when_the_camera_stream_returns()
    {
        using var camera = new MjpegServer(Picture, fps: 10);
        using var state = new TempDirectory();
        const string Device = "kiosk-ipcam";
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{Device}/#");
        string[] args =
        [
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={broker.Port}", $"--DeviceId={Device}", $"--StateDirectory={state.Path}",
            $"--Source:Uri={camera.Url}", "--Source:RetrySeconds=0.5", "--Aggregation:WindowSeconds=1",
            "--Mqtt:StatsIntervalSeconds=1", "--Detector:InputWidth=320", "--Mqtt:LogMessages=false",
        ];
        using var host = DaemonHost.CreateBuilder(args, etcDirectory: null).Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        await recorder.WaitForAsync(m => m.Topic.EndsWith("/emotions", StringComparison.Ordinal) && JsonDocument.Parse(m.Payload).RootElement.GetProperty("faces").GetInt64() > 0, TimeSpan.FromSeconds(20));

        camera.Stop();
        var retrying = await recorder.WaitForAsync(m => m.Topic.EndsWith("/stats", StringComparison.Ordinal)
            && JsonDocument.Parse(m.Payload).RootElement.GetProperty("source_state").GetString() == "retrying", TimeSpan.FromSeconds(20));
        // The camera stays away until the daemon has failed to reach it again (it retries with backoff).
        var failures = Failures(recorder);
        await Wait.Until(() => Failures(recorder) > failures, "a further failed reconnect to the stopped camera");
        camera.Start();
        var back = DateTime.UtcNow;
        var resumed = await recorder.WaitForAsync(m => m.At > back && m.Topic.EndsWith("/emotions", StringComparison.Ordinal)
            && JsonDocument.Parse(m.Payload).RootElement.GetProperty("faces").GetInt64() > 0, TimeSpan.FromSeconds(60));
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.DoesNotContain(recorder.On("/stats"), m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("source_state").GetString() == "ended");
        Assert.True(resumed.At > retrying.At);
    }

    private static long Failures(MqttRecorder recorder) =>
        recorder.On("/stats").Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("source_failures").GetInt64()).DefaultIfEmpty(0).Max();
}
