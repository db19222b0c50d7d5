using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Core.Statistics;
using Spectre.Console;

namespace EdgeEmotion.Bench;

/// <summary>The daemon as installers run it, its own process (embedded broker, YuNet, int8 model,
/// MQTT publishing), on the looped demo pictures for a given time; its resident memory sampled
/// from /proc every 5 s and reported per minute beside the managed heap and the GC's committed
/// bytes from its stats (the last of each minute), with the CPU's model, flags and L3 size, which
/// the GC sizes generation 0 from. Growth after warm-up (minute 2 onwards) must stay under 5%.</summary>
/// <remarks>A separate process rather than the host in-process: the benchmark's own code and
/// libraries would otherwise count as the daemon's memory.</remarks>
public static class SoakBenchmark
{
    /// <param name="minutes">How long.</param>
    /// <param name="daemonSettings">The daemon's settings; <c>--daemon=DIR</c> among them is the
    /// benchmark's: soak the published daemon in DIR (the form that ships) instead of the one built beside it.</param>
    public static async Task<int> RunAsync(double minutes, IReadOnlyList<string> daemonSettings)
    {
        const string PublishedOption = "--daemon=";
        var published = daemonSettings.LastOrDefault(s => s.StartsWith(PublishedOption, StringComparison.Ordinal))?[PublishedOption.Length..];
        daemonSettings = [.. daemonSettings.Where(s => !s.StartsWith(PublishedOption, StringComparison.Ordinal))];
        var pictures = published is null ? DaemonLaunch.DemoPictures : Path.Combine(Path.GetFullPath(published), "samples", "demo");
        var state = Path.Combine(Path.GetTempPath(), "edgeemotion-soak-" + Guid.NewGuid().ToString("N")[..8]);
        var start = DaemonLaunch.StartInfo(new[]
        {
            $"--Source:Uri=images://{pictures}?fps=15", "--Mqtt:Port=0", $"--StateDirectory={state}",
            "--Aggregation:WindowSeconds=10", "--Logging:LogLevel:Default=Warning", "--Mqtt:LogMessages=true",
            "--Logging:LogLevel:EdgeEmotion.Daemon.Publishing.MqttPublisher=Information", HeapReleases.DebugSetting,
        }.Concat(daemonSettings), published);
        Console.WriteLine(CpuDescription.WithCache());
        Console.WriteLine($"daemon: {start.FileName}");
        using var daemon = Process.Start(start) ?? throw new InvalidOperationException("edgeemotion-daemon did not start.");
        var frames = 0L;
        var heap = new HeapFigures();
        var releases = new HeapReleases();
        daemon.OutputDataReceived += (_, e) =>
        {
            Interlocked.Add(ref frames, FramesIn(e.Data));
            heap.Read(e.Data);
            releases.Read(e.Data);
        };
        daemon.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
        daemon.BeginOutputReadLine();
        daemon.BeginErrorReadLine();

        // Resident memory moves by several MB within seconds as the GC and OnnxRuntime's arena
        // take and give back memory, so one reading per minute is mostly noise: it is read every
        // 5 s and each minute reports the median and the highest reading.
        var minutesDone = new List<(double MedianMb, double PeakMb, HeapFigures.Reading Heap)>();
        var clock = Stopwatch.StartNew();
        for (var m = 1; m <= Math.Ceiling(minutes) && !daemon.HasExited; m++)
        {
            var readings = new List<double>();
            var end = TimeSpan.FromMinutes(Math.Min(m, minutes));
            while (clock.Elapsed < end && DaemonLaunch.ResidentMegabytes(daemon) is { } rss)
            {
                readings.Add(rss);
                await Task.Delay(TimeSpan.FromSeconds(5));
            }
            if (readings.Count == 0)
            {
                break;
            }
            minutesDone.Add((Percentiles.Median(readings.ToArray()), readings.Max(), heap.Last));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"minute {m}: RSS median {minutesDone[^1].MedianMb:F1} MB, highest {minutesDone[^1].PeakMb:F1} MB; managed heap {heap.Last.ManagedHeapMb:F1} MB, GC committed {heap.Last.GcCommittedMb:F1} MB"));
        }
        if (daemon.HasExited)
        {
            Console.Error.WriteLine($"edgeemotion-daemon exited early with code {daemon.ExitCode}.");
            return 2;
        }
        Process.Start("kill", ["-TERM", daemon.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
        await daemon.WaitForExitAsync();
        Directory.Delete(state, recursive: true);

        var table = new Table().Title($"Soak: {minutes} min on the looped demo pictures at 15 fps {string.Join(' ', daemonSettings)}{(published is null ? "" : $"; published daemon {published}")}; {CpuDescription.WithCache()}")
            .AddColumns("minute", "RSS median MB", "RSS highest MB", "managed heap MB", "GC committed MB");
        for (var i = 0; i < minutesDone.Count; i++)
        {
            table.AddRow($"{i + 1}", F(minutesDone[i].MedianMb), F(minutesDone[i].PeakMb), F(minutesDone[i].Heap.ManagedHeapMb), F(minutesDone[i].Heap.GcCommittedMb));
        }
        AnsiConsole.Write(table);
        var warm = minutesDone.Count > 2 ? minutesDone[1].MedianMb : minutesDone[0].MedianMb;
        var last = minutesDone[^1].MedianMb;
        var growth = (last - warm) / warm * 100;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"frames analysed: {Interlocked.Read(ref frames)}; RSS median in minute 2 {warm:F1} MB, in the last minute {last:F1} MB: growth {growth:F1}% (limit 5%); highest reading {minutesDone.Max(s => s.PeakMb):F1} MB; managed heap {minutesDone[^1].Heap.ManagedHeapMb:F1} MB, GC committed {minutesDone[^1].Heap.GcCommittedMb:F1} MB (highest {minutesDone.Max(s => s.Heap.GcCommittedMb):F1})"));
        var pauses = releases.PausesMs.ToArray();
        Console.WriteLine(pauses.Length == 0
            ? "heap releases (full collections): none"
            : string.Create(CultureInfo.InvariantCulture, $"heap releases (full collections): {pauses.Length}, pause median {Percentiles.Median(pauses):F1} ms, highest {pauses.Max():F1} ms"));
        return growth < 5 ? 0 : 1;
    }

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    /// <summary>The `frames` of a published emotions window, from the daemon's log of what it publishes.</summary>
    private static long FramesIn(string? line)
    {
        var at = line?.IndexOf("/emotions: ", StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return 0;
        }
        using var json = JsonDocument.Parse(line![(at + "/emotions: ".Length)..]);
        return json.RootElement.TryGetProperty("frames", out var f) ? f.GetInt64() : 0;
    }
}
