using System.Diagnostics;
using System.Text.Json;
using EdgeEmotion.Core.Labels;
using EdgeEmotion.Tests;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>
/// The self-contained linux-arm64 build, run under qemu-user with the int8 model and the YuNet
/// detector (no OpenCV native library), publishes the same counts to mosquitto as the x64 build on
/// the same pictures. OnnxRuntime needs an ARM <c>/proc/cpuinfo</c> under emulation, given in a
/// private mount namespace.
/// </summary>
public sealed class Arm64ProofTests(MosquittoBroker broker) : IClassFixture<MosquittoBroker>
{
    private const string Qemu = "/usr/bin/qemu-aarch64-static";

    [Fact]
    public async Task The_arm64_build_under_qemu_publishes_the_same_counts_as_x64()
    {
        Assert.True(File.Exists(Qemu), $"{Qemu} is missing: run deploy/install-build-deps.sh (qemu-user-static and arm64 libraries).");
        using var work = new TempDirectory();
        var published = work.Combine("arm64");
        Command.Run("bash", [Path.Combine(RepoPaths.Root, "deploy", "publish.sh"), "linux-arm64", published], TimeSpan.FromMinutes(8));
        Assert.Contains("ARM aarch64", Command.Run("file", [Path.Combine(published, "edgeemotion-daemon")], TimeSpan.FromSeconds(10)));
        Assert.False(File.Exists(Path.Combine(published, "libOpenCvSharpExtern.so")), "the arm64 build must not need OpenCV's native library");

        var cpuinfo = work.Combine("cpuinfo-a72");
        File.WriteAllText(cpuinfo, string.Concat(Enumerable.Range(0, 2).Select(i =>
            $"processor\t: {i}\nBogoMIPS\t: 108.00\nFeatures\t: fp asimd evtstrm crc32 cpuid\nCPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x0\nCPU part\t: 0xd08\nCPU revision\t: 3\n\n")));
        var arm = new ProcessStartInfo("unshare") { WorkingDirectory = published };
        foreach (var a in new[] { "-m", "sh", "-c", $"mount --bind '{cpuinfo}' /proc/cpuinfo && exec {Qemu} -cpu cortex-a72 -L / \"$0\" \"$@\"", "./edgeemotion-daemon" })
        {
            arm.ArgumentList.Add(a);
        }
        arm.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";

        (int Exit, string Output) CheckConfig(string sourceUri)
        {
            var check = new ProcessStartInfo(arm.FileName) { WorkingDirectory = published };
            foreach (var a in arm.ArgumentList.Concat(["--check-config", $"--Source:Uri={sourceUri}"]))
            {
                check.ArgumentList.Add(a);
            }
            using var checking = DaemonProcess.Start(check);
            Assert.True(checking.WaitForExit(TimeSpan.FromMinutes(2)), checking.Output);
            return (checking.ExitCode, checking.Output);
        }

        // Without OpenCV's native library, sources that need it are refused at start, by name.
        var rtsp = CheckConfig("rtsp://camera.local/stream");
        Assert.Equal(2, rtsp.Exit);
        Assert.Contains("Source:Uri 'OpenCvStream:rtsp://camera.local/stream' needs OpenCV's native library", rtsp.Output);
        // An IP camera's MJPEG stream needs no OpenCV: accepted.
        var http = CheckConfig("http://camera.local/video.mjpg");
        Assert.True(http.Exit == 0, http.Output);

        var x64 = await RunOnceAsync("proof-x64", work.Combine("x64-state"), args => DaemonProcess.Start(args, null, null));
        var arm64 = await RunOnceAsync("proof-arm64", work.Combine("arm64-state"), args =>
        {
            var start = new ProcessStartInfo(arm.FileName) { WorkingDirectory = arm.WorkingDirectory };
            foreach (var a in arm.ArgumentList.Concat(args))
            {
                start.ArgumentList.Add(a);
            }
            start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
            return DaemonProcess.Start(start);
        });

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

    private sealed record Totals(long Frames, long Faces, long[] Counts);

    /// <summary>Plays the demo pictures once, every frame analysed, and sums the windows it publishes.</summary>
    private async Task<Totals> RunOnceAsync(string device, string state, Func<string[], DaemonProcess> start)
    {
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{device}/#");
        using var daemon = start([
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={broker.Port}", $"--DeviceId={device}", $"--StateDirectory={state}",
            $"--Source:Uri=images://{DemoPictures.Folder}?fps=50&loop=false&realtime=false",
            "--Mqtt:StatsIntervalSeconds=2", "--Aggregation:WindowSeconds=5", "--Model:Threads=1"]);
        // A source played once stops the daemon by itself once every frame is analysed.
        Assert.True(daemon.WaitForExit(TimeSpan.FromMinutes(6)), $"{device} did not stop after the pictures ended:\n{daemon.Output}");
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
        return new Totals(frames, faces, counts);
    }
}
