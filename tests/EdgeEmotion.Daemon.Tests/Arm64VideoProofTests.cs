namespace EdgeEmotion.Daemon.Tests;

/// <summary>The arm64 build plays a video file through ffmpeg with the visits of the x64 build (a
/// class of its own so that it runs beside <see cref="Arm64ProofTests"/>: each emulated run takes
/// about a minute of one core).</summary>
[RunsForMinutes]
public sealed class Arm64VideoProofTests(MosquittoBroker broker, Arm64Build arm) : IClassFixture<MosquittoBroker>, IClassFixture<Arm64Build>
{
    /// <summary>The arm64 build plays a video file through ffmpeg. Debian's arm64 ffmpeg cannot be
    /// installed beside the x64 one here (the package is not co-installable, and its arm64
    /// libraries would pull in about 256 packages), so the emulated daemon starts the machine's
    /// x64 ffmpeg (natively: qemu-user hands exec to the kernel) and reads its frames through the
    /// pipe, as the arm64 ffmpeg would on a board.</summary>
    [Fact]
    public async Task The_arm64_build_under_qemu_plays_a_video_through_ffmpeg_with_the_visits_of_x64()
    {
        using var dir = new TempDirectory();
        var video = FfmpegFileSourceTests.EncodeClip(dir, "face-demographics-walking");
        string[] extra = ["--Source:Width=480", "--Source:Height=270", "--Visits:MinDwellSeconds=0.3"];
        var source = $"file://{video}?realtime=false";
        var playingX64 = Arm64Build.RunOnceAsync(broker.Port, "video-x64", arm.Combine("video-x64-state"), source, args => DaemonProcess.Start([.. args, .. extra], null, null));
        var arm64 = await Arm64Build.RunOnceAsync(broker.Port, "video-arm64", arm.Combine("video-arm64-state"), source, args => DaemonProcess.Start(arm.Emulated([.. args, .. extra])));
        var x64 = await playingX64; // played beside the emulated run: both are needed, neither waits
        TestContext.Current.SendDiagnosticMessage($"video through ffmpeg: x64 {x64.Frames} frames, {x64.Visits} visits; arm64 {arm64.Frames} frames, {arm64.Visits} visits; x64 {x64.Timing}, arm64 under emulation {arm64.Timing}");
        Assert.Equal(35, x64.Frames);
        Assert.Equal(x64.Frames, arm64.Frames);
        Assert.Equal(2, x64.Visits); // the walking pair, counted by eye
        Assert.Equal(x64.Visits, arm64.Visits);
    }
}
