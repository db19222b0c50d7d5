using System.Globalization;
using EdgeEmotion.Daemon.Sources;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>
/// Video files through ffmpeg: a recording replayed for analysis (<c>realtime=false</c>) keeps
/// every frame and its media time, so the daemon publishes the same visits as for the frames the
/// recording was made from (<c>images://</c>); a file ends, a stream never does.
/// </summary>
public sealed class FfmpegFileSourceTests(SharedMosquitto broker)
{
    private static string Clip(string name) => Path.Combine(RepoPaths.Shared, "data", "clips", name);

    /// <summary>An H.264 MP4 of a clip's frames at its 12 frames per second, made with Debian's ffmpeg.</summary>
    public static string EncodeClip(TempDirectory dir, string name)
    {
        var path = dir.Combine($"{name}.mp4");
        Command.Run(FfmpegProgram.Find("", "test"),
            ["-hide_banner", "-loglevel", "error", "-framerate", "12", "-i", Path.Combine(Clip(name), "frame-%03d.jpg"),
             "-c:v", "libx264", "-crf", "18", "-pix_fmt", "yuv420p", path], TimeSpan.FromMinutes(2));
        return path;
    }

    /// <summary>The file replayed for analysis (<c>realtime=false</c>) into frames of the given size.</summary>
    private static FfmpegSource Replay(string path, int width, int height) =>
        new(SourceUri.Parse($"file://{path}?realtime=false"), "file:" + path, FfmpegProgram.Find("", "test"),
            new FfmpegCommand(width, height, 15, ""), TimeSpan.FromSeconds(10));

    [Fact]
    public void A_file_plays_every_frame_at_its_own_rate_and_then_ends()
    {
        using var dir = new TempDirectory();
        var path = EncodeClip(dir, "head-pose-face-detection-male");
        using var source = Replay(path, 480, 270);
        var frames = 0;
        while (source.Read(TestContext.Current.CancellationToken) is { } frame)
        {
            Assert.Equal((480, 270), (frame.Width, frame.Height));
            frames++;
        }
        Assert.Equal(62, frames);
        Assert.Equal(12, source.MediaFps);
        Assert.False(source.Pushes);
    }

    [Fact]
    public void A_different_aspect_ratio_is_fitted_inside_the_frame_not_stretched()
    {
        using var dir = new TempDirectory();
        var path = EncodeClip(dir, "head-pose-face-detection-female");
        using var source = Replay(path, 640, 480);
        var frame = source.Read(TestContext.Current.CancellationToken)!;
        Assert.Equal((640, 480), (frame.Width, frame.Height));
        // 480x270 scaled to 640x360 and centred: black bands of 60 rows above and below.
        Assert.All(frame.Pixels.AsSpan(0, 640 * 58).ToArray(), p => Assert.InRange(p, (byte)0, (byte)20));
        Assert.All(frame.Pixels.AsSpan(640 * 422).ToArray(), p => Assert.InRange(p, (byte)0, (byte)20));
        Assert.True(frame.Pixels.AsSpan(640 * 100, 640 * 280).ToArray().Distinct().Count() > 100);
    }

    [Theory]
    [InlineData("head-pose-face-detection-male")]
    [InlineData("face-demographics-walking")]
    public async Task A_recording_replayed_through_ffmpeg_gives_the_visits_of_its_frames(string clip)
    {
        using var dir = new TempDirectory();
        var video = EncodeClip(dir, clip);
        // Face tracks only: with the person stage, dwell follows body detections three times a
        // second, and this compares the two sources to within one frame.
        const string FacesOnly = "--People:Enabled=false";
        var fromFrames = await PlayOnceAsync($"images://{Clip(clip)}?fps=12&loop=false&realtime=false", $"frames-{clip}", FacesOnly);
        var fromVideo = await PlayOnceAsync($"file://{video}?realtime=false", $"video-{clip}", "--Source:Width=480", "--Source:Height=270", FacesOnly);
        TestContext.Current.SendDiagnosticMessage(string.Create(CultureInfo.InvariantCulture,
            $"{clip}: frames {fromFrames.Frames} / {fromVideo.Frames}, visits [{string.Join(", ", fromFrames.Dwells)}] / [{string.Join(", ", fromVideo.Dwells)}]"));
        Assert.Equal(fromFrames.Frames, fromVideo.Frames);
        Assert.Equal(fromFrames.Dwells.Count, fromVideo.Dwells.Count);
        Assert.NotEmpty(fromVideo.Dwells);
        // Media time, not the speed of the machine: dwell agrees within one frame (H.264 may cost a
        // small face its first or last detection) and the 0.1 s rounding of dwell_s.
        const double OneFrameAndRounding = (1.0 / 12) + 0.05;
        foreach (var (a, b) in fromFrames.Dwells.Order().Zip(fromVideo.Dwells.Order()))
        {
            Assert.InRange(b, a - OneFrameAndRounding, a + OneFrameAndRounding);
        }
    }

    private sealed record Played(long Frames, List<double> Dwells);

    private async Task<Played> PlayOnceAsync(string source, string device, params string[] extra)
    {
        await using var recorder = await ClipPlayback.PlaySourceOnceAsync(broker.Port, source, device, ["--Visits:MinDwellSeconds=0.3", .. extra]);
        var frames = recorder.On("/emotions").Sum(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("frames").GetInt64());
        var dwells = recorder.On("/visits").Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("dwell_s").GetDouble()).ToList();
        return new Played(frames, dwells);
    }
}
