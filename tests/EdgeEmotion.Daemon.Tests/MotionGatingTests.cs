namespace EdgeEmotion.Daemon.Tests;

/// <summary>Motion gating: the detector is skipped while the picture does not change, and the
/// counts stay what analysing every frame would give.</summary>
public sealed class MotionGatingTests(SharedMosquitto broker)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(2);

    private static GrayImage Picture() => ImageDecoder.ReadGray(Path.Combine(DemoPictures.Folder, "group-20.jpg"));

    [Fact]
    public void The_same_picture_with_sensor_noise_is_not_motion()
    {
        var picture = Picture();
        var gate = new MotionGate(12, Refresh);
        Assert.True(gate.ShouldAnalyse(picture, TimeSpan.Zero), "the first frame is always analysed");
        Assert.False(gate.ShouldAnalyse(picture, TimeSpan.FromMilliseconds(100)));

        // Gaussian noise of 4 gray levels per pixel, about what a small camera sensor adds indoors.
        var random = new Random(7);
        for (var i = 1; i <= 10; i++)
        {
            var noisy = (byte[])picture.Pixels.Clone();
            for (var p = 0; p < noisy.Length; p++)
            {
                var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                noisy[p] = (byte)Math.Clamp(noisy[p] + (4 * gaussian), 0, 255);
            }
            Assert.False(gate.ShouldAnalyse(new GrayImage(picture.Width, picture.Height, noisy), TimeSpan.FromMilliseconds(100 * (i + 1))), $"noisy frame {i}");
        }
    }

    [Fact]
    public void A_face_sized_change_is_motion_and_becomes_the_new_reference()
    {
        var picture = Picture();
        var gate = new MotionGate(12, Refresh);
        gate.ShouldAnalyse(picture, TimeSpan.Zero);

        // A 24x24 patch (a small face far from the camera) that got 30 levels brighter.
        var changed = (byte[])picture.Pixels.Clone();
        for (var y = 200; y < 224; y++)
        {
            for (var x = 300; x < 324; x++)
            {
                changed[(y * picture.Width) + x] = (byte)Math.Min(255, changed[(y * picture.Width) + x] + 30);
            }
        }
        var moved = new GrayImage(picture.Width, picture.Height, changed);
        Assert.True(gate.ShouldAnalyse(moved, TimeSpan.FromMilliseconds(100)));
        Assert.False(gate.ShouldAnalyse(moved, TimeSpan.FromMilliseconds(200)), "compared with the last analysed frame now");
        Assert.True(gate.ShouldAnalyse(picture, TimeSpan.FromMilliseconds(300)), "back to the old picture is motion again");
    }

    [Fact]
    public void An_unchanged_picture_is_analysed_again_after_the_refresh_interval_a_new_size_or_a_failed_analysis()
    {
        var picture = Picture();
        var gate = new MotionGate(12, Refresh);
        gate.ShouldAnalyse(picture, TimeSpan.Zero);
        Assert.False(gate.ShouldAnalyse(picture, TimeSpan.FromSeconds(1.9)));
        Assert.True(gate.ShouldAnalyse(picture, TimeSpan.FromSeconds(2)));
        Assert.False(gate.ShouldAnalyse(picture, TimeSpan.FromSeconds(2.5)));

        var half = new GrayImage(picture.Width / 2, picture.Height, new byte[picture.Width / 2 * picture.Height]);
        Assert.True(gate.ShouldAnalyse(half, TimeSpan.FromSeconds(2.6)));
        Assert.False(gate.ShouldAnalyse(half, TimeSpan.FromSeconds(2.7)));
        gate.Forget();
        Assert.True(gate.ShouldAnalyse(half, TimeSpan.FromSeconds(2.8)));
    }

    [Fact]
    public async Task A_still_scene_skips_the_detector_and_counts_the_same_faces_in_every_frame()
    {
        var gated = await RunOnOnePictureAsync(motionGating: true);
        var everyFrame = await RunOnOnePictureAsync(motionGating: false);

        Assert.True(gated.Reused > gated.Analysed / 2, $"only {gated.Reused} of {gated.Analysed} frames reused the last result");
        Assert.Equal(0, everyFrame.Reused);
        // The same faces per frame either way: reusing the result changes the work, not the counts.
        Assert.Equal(everyFrame.FacesPerFrame, gated.FacesPerFrame);
        Assert.InRange(gated.FacesPerFrame, 9, 11); // group-20 shows 10 people
    }

    /// <summary>Runs until the stats have counted twenty analysed frames and the windows hold twenty;
    /// returns the frames the windows counted, the analysed and reused frames of one stats
    /// snapshot (so the two agree in time) and the faces per frame.</summary>
    private async Task<(long Frames, long Analysed, long Reused, long FacesPerFrame)> RunOnOnePictureAsync(bool motionGating)
    {
        using var folder = new TempDirectory();
        File.Copy(Path.Combine(DemoPictures.Folder, "group-20.jpg"), folder.Combine("still.jpg"));
        using var state = new TempDirectory();
        var device = $"still-{motionGating}".ToLowerInvariant();
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{device}/#");
        string[] args =
        [
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={broker.Port}", $"--DeviceId={device}",
            $"--Source:Uri=images://{folder.Path}?fps=10", $"--Detector:MotionGating={motionGating}",
            "--Aggregation:WindowSeconds=1", "--Mqtt:StatsIntervalSeconds=1", $"--StateDirectory={state.Path}",
        ];
        using (var host = DaemonHost.CreateBuilder(args, etcDirectory: null).Build())
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
            await Wait.Until(() => Analysed(recorder) >= 20 && recorder.On("/emotions").Sum(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("frames").GetInt64()) >= 20,
                "twenty frames analysed and counted in windows", TimeSpan.FromSeconds(60));
            await host.StopAsync(TestContext.Current.CancellationToken);
        }

        long frames = 0, facesPerFrame = -1;
        foreach (var window in recorder.On("/emotions").Select(m => JsonDocument.Parse(m.Payload).RootElement))
        {
            var windowFrames = window.GetProperty("frames").GetInt64();
            var faces = window.GetProperty("faces").GetInt64();
            if (windowFrames == 0)
            {
                continue;
            }
            Assert.Equal(0, faces % windowFrames);
            Assert.True(facesPerFrame < 0 || facesPerFrame == faces / windowFrames, $"{faces} faces in {windowFrames} frames, {facesPerFrame} per frame before");
            facesPerFrame = faces / windowFrames;
            frames += windowFrames;
        }
        Assert.True(frames >= 20, $"only {frames} frames in the windows");
        var stats = JsonDocument.Parse(recorder.On("/stats")[^1].Payload).RootElement;
        return (frames, stats.GetProperty("frames_analysed").GetInt64(), stats.GetProperty("frames_reused").GetInt64(), facesPerFrame);
    }

    private static long Analysed(MqttRecorder recorder) =>
        recorder.On("/stats").Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("frames_analysed").GetInt64()).DefaultIfEmpty(0).Max();
}
