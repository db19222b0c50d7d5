using System.Diagnostics;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>The self-contained linux-arm64 build (published once for the test run and shared
/// with the package tests, see <see cref="SelfContainedBuilds"/>), and how to run it under
/// qemu-user with an ARM <c>/proc/cpuinfo</c> (a Cortex-A72's).</summary>
public sealed class Arm64Build : IDisposable
{
    private const string Qemu = "/usr/bin/qemu-aarch64-static";
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
        // qemu-user mis-runs .NET's W^X double-mapped code pages: the emulated daemon died with a
        // NullReferenceException in a reflection stub at start (dotnet/sdk#27190; dotnet/runtime#94909
        // gives this setting as the fix). An emulator's fault, so only here: boards keep W^X on.
        start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        return start;
    }

    public void Dispose() => _work.Dispose();

    /// <param name="DetectMs">The median detector time per frame in the last stats message.</param>
    /// <param name="ClassifyMs">The median classifier time per frame in the last stats message.</param>
    /// <param name="Int8Kernels">The int8 form the classifier ran, from the stats.</param>
    /// <param name="StartLine">The daemon's start line (which model, form and weights file it runs).</param>
    public sealed record Totals(long Frames, long Faces, long[] Counts, int Visits, double DetectMs, double ClassifyMs, string? Int8Kernels, string StartLine)
    {
        /// <summary>For the test's diagnostic line: where an emulated run's time goes.</summary>
        public string Timing => $"detector {DetectMs:F0} ms and classifier {ClassifyMs:F0} ms per frame (median)";
    }

    /// <summary>Plays a source once, every frame analysed, and sums the windows and visits it publishes.</summary>
    public static async Task<Totals> RunOnceAsync(int brokerPort, string device, string state, string source, Func<string[], DaemonProcess> start)
    {
        await using var recorder = await MqttRecorder.StartAsync(brokerPort, $"edgeemotion/{device}/#");
        using var daemon = start([
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={brokerPort}", $"--DeviceId={device}", $"--StateDirectory={state}",
            $"--Source:Uri={source}",
            "--Mqtt:StatsIntervalSeconds=2", "--Aggregation:WindowSeconds=5", "--Model:Threads=1"]);
        // A source played once stops the daemon by itself once every frame is analysed. The bound
        // only catches a daemon that never stops: on a 2-core machine shared with other builds the
        // emulated daemon took 8 minutes for the pictures alone (under 3 when the machine is idle).
        Assert.True(daemon.WaitForExit(TimeSpan.FromMinutes(20)), $"{device} did not stop after its source ended:\n{daemon.Output}");
        Assert.True(daemon.ExitCode == 0, $"{device} exited with {daemon.ExitCode}:\n{daemon.Output}");
        await recorder.WaitForAsync(m => m.Topic.EndsWith("/status", StringComparison.Ordinal) && m.Payload == "offline");

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
        var stats = JsonDocument.Parse(recorder.On("/stats")[^1].Payload).RootElement;
        return new Totals(frames, faces, counts, recorder.On("/visits").Count,
            stats.GetProperty("detect_ms_p50").GetDouble(), stats.GetProperty("classify_ms_p50").GetDouble(), stats.GetProperty("int8_kernels").GetString(),
            daemon.Output.Split('\n').Single(l => l.Contains("starting: classifier", StringComparison.Ordinal)));
    }
}
