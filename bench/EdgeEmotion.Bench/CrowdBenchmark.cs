using EdgeEmotion.Daemon.Tests;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Core.Statistics;
using Spectre.Console;

namespace EdgeEmotion.Bench;

/// <summary>
/// Memory with a crowd: the daemon's own process (as installers run it) on 1920x1440 frames of
/// 154 faces each (<see cref="CrowdFrames"/>), for a given time, its resident memory (VmRSS) read
/// every second against the 150 MB target. Exit code 1 when the highest reading after the first
/// window is over the target.
/// </summary>
public static class CrowdBenchmark
{
    private const double TargetMb = 150;
    private const int Columns = 14;
    private const int Rows = 11;

    public static async Task<int> RunAsync(double seconds, IReadOnlyList<string> daemonSettings)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "edgeemotion-crowd-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var frames = CrowdFrames.Make(Path.Combine("..", "shared", "data", "faces"), "models", Path.Combine(scratch, "frames"), Columns, Rows);
            var exit = await MeasureAsync(frames, Path.Combine(scratch, "state"), seconds, daemonSettings);
            CrowdAllocations.Run(frames, "models", 20);
            return exit;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static async Task<int> MeasureAsync(string frames, string state, double seconds, IReadOnlyList<string> daemonSettings)
    {
        var start = DaemonLaunch.StartInfo(new[]
        {
            $"--Source:Uri=images://{Path.GetFullPath(frames)}?fps=15", "--Mqtt:Port=0", $"--StateDirectory={state}",
            "--Aggregation:WindowSeconds=5", "--Logging:LogLevel:Default=Warning", "--Mqtt:LogMessages=true",
            "--Logging:LogLevel:EdgeEmotion.Daemon.Publishing.MqttPublisher=Information",
        }.Concat(daemonSettings));
        using var daemon = Process.Start(start) ?? throw new InvalidOperationException("edgeemotion-daemon did not start.");
        long framesAnalysed = 0, faces = 0, windows = 0;
        daemon.OutputDataReceived += (_, e) =>
        {
            if (Window(e.Data) is { } w)
            {
                Interlocked.Add(ref framesAnalysed, w.Frames);
                Interlocked.Add(ref faces, w.Faces);
                Interlocked.Increment(ref windows);
            }
        };
        daemon.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
        daemon.BeginOutputReadLine();
        daemon.BeginErrorReadLine();

        // Readings from the first window on: start-up (models loading, JIT) is not the crowd's.
        var readings = new List<double>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds && DaemonLaunch.ResidentMegabytes(daemon) is { } rss)
        {
            if (Interlocked.Read(ref windows) > 0)
            {
                readings.Add(rss);
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        if (daemon.HasExited || readings.Count == 0)
        {
            Console.Error.WriteLine(daemon.HasExited ? $"edgeemotion-daemon exited early with code {daemon.ExitCode}." : "no window within the run.");
            return 2;
        }
        Process.Start("kill", ["-TERM", daemon.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
        await daemon.WaitForExitAsync();

        var perFrame = framesAnalysed > 0 ? (double)faces / framesAnalysed : 0;
        var highest = readings.Max();
        var table = new Table().Title($"Crowd: {seconds:0} s of {CrowdFrames.Width}x{CrowdFrames.Height} frames of {Columns * Rows} faces, {CpuDescription.WithCache()} {string.Join(' ', daemonSettings)}")
            .AddColumns("frames analysed", "faces per frame", "RSS median MB", "RSS highest MB", "target MB");
        table.AddRow(
            framesAnalysed.ToString(CultureInfo.InvariantCulture),
            perFrame.ToString("F1", CultureInfo.InvariantCulture),
            Percentiles.Median(readings.ToArray()).ToString("F1", CultureInfo.InvariantCulture),
            highest.ToString("F1", CultureInfo.InvariantCulture),
            TargetMb.ToString("F0", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        return highest <= TargetMb ? 0 : 1;
    }

    /// <summary>`frames` and `faces` of a published emotions window, from the daemon's log of what it publishes.</summary>
    private static (long Frames, long Faces)? Window(string? line)
    {
        var at = line?.IndexOf("/emotions: ", StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return null;
        }
        using var json = JsonDocument.Parse(line![(at + "/emotions: ".Length)..]);
        var root = json.RootElement;
        return (root.TryGetProperty("frames", out var f) ? f.GetInt64() : 0, root.TryGetProperty("faces", out var n) ? n.GetInt64() : 0);
    }
}
