using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using EdgeEmotion.Daemon.Sources;
using Spectre.Console;

namespace EdgeEmotion.Bench;

/// <summary>
/// RTSP through ffmpeg against the same pictures from an image folder, at 640x480 and 15 frames/s,
/// with the tests' GStreamer RTSP server (<c>tests/EdgeEmotion.Daemon.Tests/Rtsp/rtsp_server.py</c>)
/// streaming the smiling man of <c>../shared/data/clips</c> scaled to 640x480:
/// 1. the pipe alone: this process reading ffmpeg's raw frames (CPU per frame on our side; ffmpeg's
///    decoding is its own process and reported beside it);
/// 2. end to end: the daemon's own process on each source for the given seconds: frames analysed
///    per second, the daemon's CPU per frame and, for RTSP, ffmpeg's;
/// 3. recovery: the server stopped for 1, 5 and 12 s (inside the first three backoff steps of
///    <c>Source:RetrySeconds=2</c>), time from its return to the daemon's "is back", against 2x the
///    backoff step in effect when it returned.
/// Run from the repository root: dotnet run -c Release --project bench/EdgeEmotion.Bench -- rtsp 60
/// </summary>
public static partial class RtspBenchmark
{
    private const int Width = 640;
    private const int Height = 480;
    private const int Fps = 15;
    private const double RetrySeconds = 2;

    public static async Task<int> RunAsync(double seconds)
    {
        var root = Directory.GetCurrentDirectory();
        var clip = Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "clips", "head-pose-face-detection-male"));
        var script = Path.Combine(root, "tests", "EdgeEmotion.Daemon.Tests", "Rtsp", "rtsp_server.py");
        if (!Directory.Exists(clip) || !File.Exists(script))
        {
            Console.Error.WriteLine($"rtsp: run from the repository root with ../shared beside it ({clip}, {script}).");
            return 2;
        }
        var ffmpeg = FfmpegProgram.Find("", "the benchmark");
        var work = Directory.CreateTempSubdirectory("edgeemotion-rtsp-bench-").FullName;
        // The same 640x480 pictures for the image folder the RTSP server streams.
        var folder = Directory.CreateDirectory(Path.Combine(work, "frames")).FullName;
        Run(ffmpeg, "-hide_banner", "-loglevel", "error", "-i", Path.Combine(clip, "frame-%03d.jpg"), "-vf", $"scale={Width}:{Height}", "-q:v", "2", "-start_number", "0", Path.Combine(folder, "frame-%03d.jpg"));
        var port = EdgeEmotion.Tests.LoopbackPort.Free();
        var server = StartServer(script, port, Path.Combine(folder, "frame-%03d.jpg"));
        var url = $"rtsp://127.0.0.1:{port}/clip";
        try
        {
            var loadBefore = File.ReadAllText("/proc/loadavg").Trim();
            var pipe = PipeCost(url, ffmpeg, Math.Max(10, seconds / 3));
            var images = await EndToEndAsync($"images://{folder}?fps={Fps}", work, seconds);
            var rtsp = await EndToEndAsync(url, work, seconds);
            var recoveries = await RecoveryAsync(url, work, () => { server.Kill(); server.WaitForExit(); }, () => server = StartServer(script, port, Path.Combine(folder, "frame-%03d.jpg")));

            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 140);
            // Other work on the machine slows the end-to-end rates; CPU per frame is less affected.
            Console.WriteLine($"/proc/loadavg before: {loadBefore}; after: {File.ReadAllText("/proc/loadavg").Trim()} ({Environment.ProcessorCount} cores)");
            AnsiConsole.Write(new Table().Title($"The pipe alone: {Width}x{Height} gray frames from ffmpeg, {pipe.Frames} frames").AddColumns(
                    "frames/s delivered", "our CPU ms/frame (read + copy)", "ffmpeg CPU ms/frame (RTSP + H.264 decode + scale)")
                .AddRow(F(pipe.Fps, 1), F(pipe.OurMs, 3), F(pipe.FfmpegMs, 2)));
            var e2e = new Table().Title($"End to end, the daemon's process, {Width}x{Height} at {Fps} frames/s, {seconds:0} s each").AddColumns(
                "source", "frames analysed/s", "daemon CPU ms/frame", "ffmpeg CPU ms/frame", "total CPU ms/frame", "daemon RSS MB at the end");
            foreach (var (name, r) in new[] { ("images (JPEG decode in the daemon)", images), ("RTSP through ffmpeg", rtsp) })
            {
                e2e.AddRow(name, F(r.Fps, 1), F(r.DaemonMs, 2), r.FfmpegMs > 0 ? F(r.FfmpegMs, 2) : "-", F(r.DaemonMs + r.FfmpegMs, 2), F(r.RssMb, 1));
            }
            AnsiConsole.Write(e2e);
            var recovery = new Table().Title($"Recovery after the server returns, Source:RetrySeconds={RetrySeconds}").AddColumns(
                "server away s (measured)", "backoff step in effect s", "back after s", "target (2x step) s", "met");
            foreach (var r in recoveries)
            {
                recovery.AddRow(F(r.AwaySeconds, 1), F(r.StepSeconds, 0), F(r.BackAfterSeconds, 2), F(2 * r.StepSeconds, 0), r.BackAfterSeconds <= 2 * r.StepSeconds ? "yes" : "NO");
            }
            AnsiConsole.Write(recovery);
            return pipe.OurMs <= 1 && recoveries.All(r => r.BackAfterSeconds <= 2 * r.StepSeconds) ? 0 : 1;
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill();
            }
            Directory.Delete(work, recursive: true);
        }
    }

    private sealed record Pipe(long Frames, double Fps, double OurMs, double FfmpegMs);

    private static Pipe PipeCost(string url, string ffmpeg, double seconds)
    {
        using var source = new FfmpegSource(SourceUri.Parse(url), url, ffmpeg, new FfmpegCommand(Width, Height, Fps, ""), TimeSpan.FromSeconds(10));
        var child = Children(Environment.ProcessId).Single();
        for (var i = 0; i < Fps; i++)
        {
            source.Read(CancellationToken.None); // warm-up: a second of frames
        }
        using var self = Process.GetCurrentProcess();
        var ourStart = self.TotalProcessorTime;
        var childStart = CpuSeconds(child);
        var clock = Stopwatch.StartNew();
        long frames = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            _ = source.Read(CancellationToken.None);
            frames++;
        }
        var wall = clock.Elapsed.TotalSeconds;
        self.Refresh();
        var ours = (self.TotalProcessorTime - ourStart).TotalMilliseconds;
        var theirs = (CpuSeconds(child) - childStart) * 1000;
        return new Pipe(frames, frames / wall, ours / frames, theirs / frames);
    }

    private sealed record EndToEnd(double Fps, double DaemonMs, double FfmpegMs, double RssMb);

    private static async Task<EndToEnd> EndToEndAsync(string uri, string work, double seconds)
    {
        using var daemon = StartDaemon(uri, work, out var lines);
        // Measured from the first window with analysed frames: start-up and model loading excluded.
        await WaitForAsync(() => lines.Any(l => Frames(l) > 0), TimeSpan.FromSeconds(60), "a first analysed window");
        var start = Stopwatch.StartNew();
        var counted = lines.Count;
        var daemonStart = CpuSeconds(daemon.Id);
        var child = Children(daemon.Id).FirstOrDefault();
        var childStart = child > 0 ? CpuSeconds(child) : 0;
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var daemonCpu = CpuSeconds(daemon.Id) - daemonStart;
        var childCpu = child > 0 ? CpuSeconds(child) - childStart : 0;
        var wall = start.Elapsed.TotalSeconds;
        // Windows are 1 s: those published in the interval hold its frames (within one window).
        var frames = lines.Skip(counted).Sum(Frames);
        var rss = DaemonLaunch.ResidentMegabytes(daemon) ?? 0;
        Stop(daemon);
        return new EndToEnd(frames / wall, daemonCpu * 1000 / frames, childCpu * 1000 / frames, rss);
    }

    private sealed record Recovery(double AwaySeconds, double StepSeconds, double BackAfterSeconds);

    private static async Task<List<Recovery>> RecoveryAsync(string url, string work, Action stopServer, Action startServer)
    {
        var results = new List<Recovery>();
        using var daemon = StartDaemon(url, work, out var lines, $"--Source:RetrySeconds={RetrySeconds.ToString(CultureInfo.InvariantCulture)}");
        await WaitForAsync(() => lines.Any(l => Frames(l) > 0), TimeSpan.FromSeconds(60), "a first analysed window");
        foreach (var away in new[] { 1.0, 5.0, 12.0 })
        {
            var seen = lines.Count;
            stopServer();
            await WaitForAsync(() => lines.Skip(seen).Any(l => l.Contains(" failed: ", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "the daemon to notice the server is gone");
            var failed = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(away));
            var seenBack = lines.Count;
            startServer();
            var back = Stopwatch.StartNew();
            var returnedAt = failed.Elapsed.TotalSeconds;
            await WaitForAsync(() => lines.Skip(seenBack).Any(l => l.Contains(" is back", StringComparison.Ordinal)), TimeSpan.FromSeconds(90), "the source to be back");
            // The server is back once it listens (its start takes seconds on a busy machine): away is measured.
            results.Add(new Recovery(returnedAt, StepAt(returnedAt), back.Elapsed.TotalSeconds));
            await WaitForAsync(() => lines.Skip(seenBack).Any(l => Frames(l) > 0), TimeSpan.FromSeconds(30), "analysed frames again");
        }
        Stop(daemon);
        return results;
    }

    /// <summary>The pipeline's wait in progress this long after a failure: RetrySeconds, doubling
    /// after each failed attempt up to 30 s (the attempts themselves, refused at once, are not counted).</summary>
    private static double StepAt(double secondsSinceFailure)
    {
        double step = RetrySeconds, elapsed = 0;
        while (elapsed + step <= secondsSinceFailure)
        {
            elapsed += step;
            step = Math.Min(step * 2, 30);
        }
        return step;
    }

    private static Process StartDaemon(string uri, string work, out System.Collections.Concurrent.ConcurrentQueue<string> lines, params string[] extra)
    {
        var state = Path.Combine(work, "state-" + Guid.NewGuid().ToString("N")[..6]);
        var start = DaemonLaunch.StartInfo(new[]
        {
            $"--Source:Uri={uri}", "--Mqtt:Port=0", $"--StateDirectory={state}", "--Aggregation:WindowSeconds=1",
            "--Mqtt:LogMessages=true", "--Logging:LogLevel:Default=Information", "--Detector:MotionGating=false",
        }.Concat(extra));
        var daemon = Process.Start(start) ?? throw new InvalidOperationException("edgeemotion-daemon did not start.");
        var collected = new System.Collections.Concurrent.ConcurrentQueue<string>();
        lines = collected;
        daemon.OutputDataReceived += (_, e) => { if (e.Data is not null) { collected.Enqueue(e.Data); } };
        daemon.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
        daemon.BeginOutputReadLine();
        daemon.BeginErrorReadLine();
        return daemon;
    }

    private static void Stop(Process daemon)
    {
        Process.Start("kill", ["-TERM", daemon.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
        daemon.WaitForExit();
    }

    private static Process StartServer(string script, int port, string pattern)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", [script, port.ToString(CultureInfo.InvariantCulture), "/clip", pattern,
            Fps.ToString(CultureInfo.InvariantCulture), Width.ToString(CultureInfo.InvariantCulture), Height.ToString(CultureInfo.InvariantCulture)])
        { RedirectStandardOutput = true };
        var server = Process.Start(start) ?? throw new InvalidOperationException("the RTSP server did not start");
        if (!EdgeEmotion.Tests.LoopbackPort.WaitUntilListening(port, TimeSpan.FromSeconds(20), () => server.HasExited ? new InvalidOperationException("the RTSP server exited (deploy/install-build-deps.sh)") : null))
        {
            throw new InvalidOperationException("the RTSP server did not listen");
        }
        return server;
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan limit, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"waited {limit.TotalSeconds:0} s for {what}");
            }
            await Task.Delay(20);
        }
    }

    private static long Frames(string line) =>
        line.Contains("/emotions:", StringComparison.Ordinal) && FramesField().Match(line) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    /// <summary>User + system CPU seconds of a process (.NET reads /proc/pid/stat with the system's tick rate).</summary>
    private static double CpuSeconds(int pid)
    {
        using var process = Process.GetProcessById(pid);
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static List<int> Children(int parent) =>
        [.. Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(n => int.TryParse(n, out _)).Select(n => int.Parse(n!, CultureInfo.InvariantCulture))
            .Where(pid =>
            {
                try
                {
                    var stat = File.ReadAllText($"/proc/{pid}/stat");
                    return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture) == parent && stat.Contains("(ffmpeg)", StringComparison.Ordinal);
                }
                catch (IOException)
                {
                    return false;
                }
            })];

    private static void Run(string program, params string[] args)
    {
        using var process = Process.Start(program, args);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode})");
        }
    }

    private static string F(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    [GeneratedRegex("\"frames\":(\\d+)")]
    private static partial Regex FramesField();
}
