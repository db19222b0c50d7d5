using EdgeEmotion.Daemon.Sources;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>Frames above <c>Source:MaxFramePixels</c> are refused from their header, before a
/// decoder allocates their pixels, and counted as malformed.</summary>
public sealed class FrameSizeLimitTests(SharedMosquitto broker)
{
    private static readonly string Picture = Path.Combine(DemoPictures.Folder, "group-13.jpg");

    [Fact]
    public void A_huge_PNG_is_read_as_its_header_says()
    {
        using var dir = new TempDirectory();
        var png = dir.Combine("huge.png");
        HugePictures.WriteBlackPng(png, 20000, 20000);
        Assert.True(new FileInfo(png).Length < 2_000_000, $"{new FileInfo(png).Length} bytes");
        using var stream = File.OpenRead(png);
        Assert.Equal((20000, 20000), ImageDecoder.ReadSize(stream));
    }

    [Fact]
    public void An_MJPEG_camera_frame_above_the_limit_is_refused_before_decoding()
    {
        using var dir = new TempDirectory();
        var huge = dir.Combine("huge.jpg");
        File.WriteAllBytes(huge, HugePictures.JpegAnnouncing(Picture, 20000, 20000));
        using var camera = new MjpegServer(huge, fps: 10);
        using var source = new MjpegHttpSource(SourceUri.Parse(camera.Url), new FrameSizeLimit(3840 * 2160));
        var error = Assert.Throws<InvalidDataException>(() => source.Read(TestContext.Current.CancellationToken));
        Assert.Contains("a 20000x20000 frame (400,000,000 pixels) is above Source:MaxFramePixels (8,294,400)", error.Message);

        // The same frame within the limit is decoded as usual.
        using var normal = new MjpegServer(Picture, fps: 10);
        using var accepted = new MjpegHttpSource(SourceUri.Parse(normal.Url), new FrameSizeLimit(3840 * 2160));
        Assert.NotNull(accepted.Read(TestContext.Current.CancellationToken));
    }

    /// <summary>The reported case: one 20000x20000 PNG in an image folder took the daemon to 877 MB.</summary>
    [Fact]
    public async Task A_huge_picture_in_a_folder_is_counted_malformed_logged_once_and_costs_no_memory()
    {
        using var dir = new TempDirectory();
        var pictures = dir.Combine("pictures");
        Directory.CreateDirectory(pictures);
        File.Copy(Picture, Path.Combine(pictures, "a.jpg"));
        HugePictures.WriteBlackPng(Path.Combine(pictures, "b-huge.png"), 20000, 20000);
        const string Device = "kiosk-huge";
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{Device}/#");
        using var daemon = DaemonProcess.Start(
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={broker.Port}", $"--DeviceId={Device}", $"--StateDirectory={dir.Combine("state")}",
            $"--Source:Uri=images://{pictures}?fps=10", "--Aggregation:WindowSeconds=1", "--Mqtt:StatsIntervalSeconds=1");
        // Three passes over the folder: the huge picture is refused each time.
        await recorder.WaitForAsync(
            m => m.Topic.EndsWith("/stats", StringComparison.Ordinal) && JsonDocument.Parse(m.Payload).RootElement.GetProperty("frames_malformed").GetInt64() >= 3,
            TimeSpan.FromSeconds(60));
        // The highest ever, so a brief decode counts too.
        var peakMb = ProcStat.PeakResidentBytes(daemon.Id)!.Value / 1048576.0;
        daemon.Terminate(TimeSpan.FromSeconds(20));

        var warnings = daemon.Output.Split('\n').Count(l => l.Contains("b-huge.png: a 20000x20000 frame (400,000,000 pixels) is above Source:MaxFramePixels", StringComparison.Ordinal));
        Assert.True(warnings == 1, daemon.Output);
        // Decoding it would need 400 MB for the gray pixels alone (877 MB measured before the limit).
        Assert.True(peakMb < 300, $"peak resident memory {peakMb} MB");
        var faces = recorder.On("/emotions").Sum(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("faces").GetInt64());
        Assert.True(faces > 0, "the good picture must still be analysed");
    }
}
