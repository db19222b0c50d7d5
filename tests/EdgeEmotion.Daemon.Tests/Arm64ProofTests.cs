using System.Diagnostics;
using System.Text.Json;
using EdgeEmotion.Core.Labels;
using EdgeEmotion.Tests;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>
/// The self-contained linux-arm64 build, run under qemu-user with the int8 model and the YuNet
/// detector (no OpenCV native library), publishes the same counts to mosquitto as the x64 build on
/// the same pictures, and the same visits for a video file played through ffmpeg. OnnxRuntime needs an ARM <c>/proc/cpuinfo</c> under emulation, given in a
/// private mount namespace.
/// </summary>
public sealed class Arm64ProofTests(MosquittoBroker broker, Arm64ProofTests.Arm64Build arm) : IClassFixture<MosquittoBroker>, IClassFixture<Arm64ProofTests.Arm64Build>
{
    private const string Qemu = "/usr/bin/qemu-aarch64-static";

    /// <summary>The self-contained linux-arm64 build (published once for the test run and shared
    /// with the package tests, see <see cref="SelfContainedBuilds"/>), and how to run it under
    /// qemu-user with an ARM <c>/proc/cpuinfo</c> (a Cortex-A72's).</summary>
    public sealed class Arm64Build : IDisposable
    {
        private readonly TempDirectory _work = new();

        public Arm64Build()
        {
            Assert.True(File.Exists(Qemu), $"{Qemu} is missing: run deploy/install-build-deps.sh (qemu-user-static and arm64 libraries).");
            Published = SelfContainedBuilds.Get("linux-arm64");
            Cpuinfo = _work.Combine("cpuinfo-a72");
            File.WriteAllText(Cpuinfo, string.Concat(Enumerable.Range(0, 2).Select(i =>
                $"processor\t: {i}\nBogoMIPS\t: 108.00\nFeatures\t: fp asimd evtstrm crc32 cpuid\nCPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x0\nCPU part\t: 0xd08\nCPU revision\t: 3\n\n")));
        }

        public string Published { get; }

        private string Cpuinfo { get; }

        public string Combine(string name) => _work.Combine(name);

        /// <summary>The arm64 daemon with <paramref name="args"/>, under emulation.</summary>
        public ProcessStartInfo Emulated(IEnumerable<string> args)
        {
            var start = new ProcessStartInfo("unshare") { WorkingDirectory = Published };
            foreach (var a in new[] { "-m", "sh", "-c", $"mount --bind '{Cpuinfo}' /proc/cpuinfo && exec {Qemu} -cpu cortex-a72 -L / \"$0\" \"$@\"", "./edgeemotion-daemon" }.Concat(args))
            {
                start.ArgumentList.Add(a);
            }
            start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
            return start;
        }

        public void Dispose() => _work.Dispose();
    }

    [Fact]
    public async Task The_arm64_build_under_qemu_publishes_the_same_counts_as_x64()
    {
        var published = arm.Published;
        Assert.Contains("ARM aarch64", Command.Run("file", [Path.Combine(published, "edgeemotion-daemon")], TimeSpan.FromSeconds(10)));
        Assert.False(File.Exists(Path.Combine(published, "libOpenCvSharpExtern.so")), "the arm64 build must not need OpenCV's native library");

        (int Exit, string Output) CheckConfig(string sourceUri)
        {
            using var checking = DaemonProcess.Start(arm.Emulated(["--check-config", $"--Source:Uri={sourceUri}"]));
            Assert.True(checking.WaitForExit(TimeSpan.FromMinutes(2)), checking.Output);
            return (checking.ExitCode, checking.Output);
        }

        // Without OpenCV's native library, sources that need it are refused at start, by name.
        var opencv = CheckConfig("opencv:0");
        Assert.Equal(2, opencv.Exit);
        Assert.Contains("Source:Uri 'OpenCvCamera:0' needs OpenCV's native library", opencv.Output);
        // RTSP is played by ffmpeg and an IP camera's MJPEG stream by the daemon: no OpenCV needed.
        var rtsp = CheckConfig("rtsp://camera.local/stream");
        Assert.True(rtsp.Exit == 0, rtsp.Output);
        var http = CheckConfig("http://camera.local/video.mjpg");
        Assert.True(http.Exit == 0, http.Output);

        var x64 = await RunOnceAsync("proof-x64", arm.Combine("x64-state"), DemoSource, args => DaemonProcess.Start(args, null, null));
        var arm64 = await RunOnceAsync("proof-arm64", arm.Combine("arm64-state"), DemoSource, args => DaemonProcess.Start(arm.Emulated(args)));

        var pictures = Directory.GetFiles(DemoPictures.Folder, "*.jpg").Length;
        Assert.Equal(pictures, x64.Frames);
        Assert.Equal(pictures, arm64.Frames);
        Assert.True(x64.Faces > 50, $"x64 found only {x64.Faces} faces");
        // Integer kernels differ between x86 (VNNI) and ARM (NEON); the detector runs in float.
        // Faces must match exactly; emotions are reported per class and must agree closely.
        Assert.Equal(x64.Faces, arm64.Faces);
        var differing = x64.Counts.Zip(arm64.Counts, (a, b) => Math.Abs(a - b)).Sum() / 2;
        var agreement = 1 - (double)differing / x64.Faces;
        TestContext.Current.SendDiagnosticMessage(
            $"x64 counts [{string.Join(", ", x64.Counts)}], arm64 counts [{string.Join(", ", arm64.Counts)}], agreement of the histograms {agreement:P1}");
        Assert.True(agreement >= 0.95, $"x64 [{string.Join(", ", x64.Counts)}] vs arm64 [{string.Join(", ", arm64.Counts)}]: only {agreement:P1} agree");
    }

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
        var x64 = await RunOnceAsync("video-x64", arm.Combine("video-x64-state"), source, args => DaemonProcess.Start([.. args, .. extra], null, null));
        var arm64 = await RunOnceAsync("video-arm64", arm.Combine("video-arm64-state"), source, args => DaemonProcess.Start(arm.Emulated([.. args, .. extra])));
        TestContext.Current.SendDiagnosticMessage($"video through ffmpeg: x64 {x64.Frames} frames, {x64.Visits} visits; arm64 {arm64.Frames} frames, {arm64.Visits} visits");
        Assert.Equal(35, x64.Frames);
        Assert.Equal(x64.Frames, arm64.Frames);
        Assert.Equal(2, x64.Visits); // the walking pair, counted by eye
        Assert.Equal(x64.Visits, arm64.Visits);
    }

    private static string DemoSource => $"images://{DemoPictures.Folder}?fps=50&loop=false&realtime=false";

    private sealed record Totals(long Frames, long Faces, long[] Counts, int Visits);

    /// <summary>Plays a source once, every frame analysed, and sums the windows and visits it publishes.</summary>
    private async Task<Totals> RunOnceAsync(string device, string state, string source, Func<string[], DaemonProcess> start)
    {
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{device}/#");
        using var daemon = start([
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={broker.Port}", $"--DeviceId={device}", $"--StateDirectory={state}",
            $"--Source:Uri={source}",
            "--Mqtt:StatsIntervalSeconds=2", "--Aggregation:WindowSeconds=5", "--Model:Threads=1"]);
        // A source played once stops the daemon by itself once every frame is analysed.
        Assert.True(daemon.WaitForExit(TimeSpan.FromMinutes(10)), $"{device} did not stop after its source ended:\n{daemon.Output}");
        Assert.True(daemon.ExitCode == 0, $"{device} exited with {daemon.ExitCode}:\n{daemon.Output}");
        await recorder.WaitForAsync(m => m.Topic.EndsWith("/status", StringComparison.Ordinal) && m.Payload == "offline", TimeSpan.FromSeconds(10));

        long frames = 0, faces = 0;
        var counts = new long[EmotionLabels.Count];
        foreach (var window in recorder.On("/emotions").Select(m => JsonDocument.Parse(m.Payload).RootElement))
        {
            frames += window.GetProperty("frames").GetInt64();
            faces += window.GetProperty("faces").GetInt64();
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i] += window.GetProperty("counts").GetProperty(EmotionLabels.Names[i]).GetInt64();
            }
        }
        return new Totals(frames, faces, counts, recorder.On("/visits").Count);
    }
}
