using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgeEmotion.Core.Imaging;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Core.Preprocessing;
using EdgeEmotion.Core.Statistics;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.Visits;
using Spectre.Console;

namespace EdgeEmotion.Bench;

/// <summary>What the generation-0 bound (build/GcBudget.props) costs and saves: the daemon's frame
/// stages (motion check, YuNet at 640, int8 classifier, tracker and visits; one thread) on the demo
/// pictures in fresh processes of this benchmark, each under one GC setting, in turn A B C … A B C …
/// so that a drift of the shared machine hits every setting alike. Per setting: frames/s, median
/// and p95 frame time, CPU time per frame and the GC's own pause time (both hold on a busy machine,
/// where wall-clock times move with the neighbours' load), collections (all, and full ones), the GC's generation-0 size when its last
/// collection began (what the budget let it grow to), committed bytes and peak RSS; ratios against the run
/// without the bound on this machine.</summary>
/// <remarks>A large L3 is simulated with DOTNET_GCgen0size, the size the GC would otherwise take from
/// the cache; the bound is taken away with a DOTNET_GCGen0MaxBudget far above any budget (the
/// environment variable wins over runtimeconfig.json).</remarks>
public static class GcBudgetBenchmark
{
    private const string WorkerVerb = "gcbudget-run";
    private const string NoBound = "0x40000000"; // 1 GiB: no budget reaches it

    /// <summary>The 300 MiB L3 of the VM in issue 29, as the generation-0 size the GC would take from
    /// it: half the L3, as it takes 16 MB from the 32 MiB L3 measured here.</summary>
    private const string BigCacheGen0 = "0x9600000";

    public static async Task<int> RunAsync(int frames, int rounds, IReadOnlyList<double> extraBudgetsMb)
    {
        var shipped = AppContext.GetData("System.GC.Gen0MaxBudget") is { } b ? Convert.ToInt64(b, CultureInfo.InvariantCulture) / 1048576.0 : (double?)null;
        var settings = new List<(string Name, Dictionary<string, string> Env)>
        {
            ("no bound", new() { ["DOTNET_GCGen0MaxBudget"] = NoBound }),
            ($"bound {shipped:0.#} MB (shipped)", []),
        };
        settings.AddRange(extraBudgetsMb.Select(mb => ($"bound {mb:0.#} MB", new Dictionary<string, string> { ["DOTNET_GCGen0MaxBudget"] = Hex(mb) })));
        settings.Add(("300 MiB L3 (simulated), no bound", new() { ["DOTNET_GCgen0size"] = BigCacheGen0, ["DOTNET_GCGen0MaxBudget"] = NoBound }));
        settings.Add(($"300 MiB L3 (simulated), bound {shipped:0.#} MB (shipped)", new() { ["DOTNET_GCgen0size"] = BigCacheGen0 }));

        Console.WriteLine(CpuDescription.WithCache());
        var results = settings.Select(_ => new List<RunResult>()).ToList();
        for (var round = 0; round < rounds; round++)
        {
            // Every other round in reverse order, so a machine that slows down or speeds up steadily
            // during the run favours no setting.
            var order = Enumerable.Range(0, settings.Count);
            foreach (var i in round % 2 == 0 ? order : order.Reverse())
            {
                var run = await RunWorkerAsync(frames, settings[i].Env);
                if (run is null)
                {
                    return 2;
                }
                results[i].Add(run);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round + 1}, {settings[i].Name}: {run.FramesPerSecond:F1} frames/s, p95 {run.P95Ms:F2} ms, CPU {run.CpuMsPerFrame:F2} ms/frame, GC pause {run.GcPauseMs:F1} ms, gen0 {run.Gen0SizeMb:F1} MB"));
            }
        }

        var table = new Table().Title($"Generation-0 bound: {frames} frames per run, {rounds} runs per setting (medians); {CpuDescription.WithCache()}").AddColumns(
            "setting", "frames/s", "frame ms p50", "frame ms p95", "frames/s ratio", "p95 ratio", "CPU ms/frame", "CPU ratio", "GC pause ms", "allocated KB/frame", "GCs", "of which gen2", "gen0 size MB", "GC committed MB", "RSS peak MB");
        for (var i = 0; i < settings.Count; i++)
        {
            var s = Summary(results[i]);
            // Ratios round by round against the run without the bound of the same round, then their median.
            var fpsRatio = Percentiles.Median(results[i].Select((r, k) => r.FramesPerSecond / results[0][k].FramesPerSecond).ToArray());
            var p95Ratio = Percentiles.Median(results[i].Select((r, k) => r.P95Ms / results[0][k].P95Ms).ToArray());
            var cpuRatio = Percentiles.Median(results[i].Select((r, k) => r.CpuMsPerFrame / results[0][k].CpuMsPerFrame).ToArray());
            table.AddRow(settings[i].Name, F(s.FramesPerSecond, 1), F(s.P50Ms, 2), F(s.P95Ms, 2), F(fpsRatio, 3), F(p95Ratio, 3),
                F(s.CpuMsPerFrame, 2), F(cpuRatio, 3), F(s.GcPauseMs, 1), F(s.AllocatedKbPerFrame, 0), F(s.Gen0Collections, 0), F(s.Gen2Collections, 0), F(s.Gen0SizeMb, 1), F(s.CommittedMb, 1), F(s.RssPeakMb, 1));
        }
        AnsiConsole.Write(table);
        return 0;
    }

    /// <summary>The worker: the frame stages for <paramref name="frames"/> frames after warm-up, one JSON line on standard output.</summary>
    /// <remarks>The demo pictures, decoded once and played in a loop as the daemon's image source
    /// does (the soak's input): what is allocated per frame is then the stages' own small objects,
    /// which generation 0's budget governs.</remarks>
    public static int Work(int frames)
    {
        var models = Path.Combine(AppContext.BaseDirectory, "models");
        var pictures = Directory.GetFiles(DaemonLaunch.DemoPictures, "*.jpg").Order(StringComparer.Ordinal).Select(ImageDecoder.ReadGray).ToArray();
        // The daemon's defaults: YuNet at 640, one thread, the int8 classifier.
        var options = new DetectorOptions { Threads = 1 };
        using var detector = new YuNetDetector(Path.Combine(models, "yunet-n-dynamic.onnx"), options);
        using var model = EmotionModel.Load(Path.Combine(models, "emotion-int8.onnx"), 1, int8Kernels: Int8KernelRule.Choose(CpuFeatures.Current()).Form); // the form the daemon runs here
        var preprocessor = new FacePreprocessor(0.1f);
        var most = Math.Max(1, pictures.Max(p => detector.Detect(p).Count));
        var batch = new float[most * FacePreprocessor.TensorLength];
        var visitors = new VisitorTracking(new TrackingOptions(), new VisitsOptions());
        var gate = new MotionGate(12, TimeSpan.Zero); // every frame counts as moved: all stages run

        const int WarmUp = 30;
        var times = new double[frames];
        var cpuTimes = new double[frames]; // this thread's CPU time per frame: OnnxRuntime with one thread computes on it
        int gen0Before = 0, gen2Before = 0;
        long allocatedBefore = 0;
        TimeSpan pauseBefore = default, cpuBefore = default;
        var wall = new Stopwatch();
        double rssPeak = 0, startupMs = 0, startupCpuMs = 0;
        using var self = Process.GetCurrentProcess();
        for (var i = 0; i < frames + WarmUp; i++)
        {
            if (i == WarmUp)
            {
                gen0Before = GC.CollectionCount(0);
                gen2Before = GC.CollectionCount(2);
                allocatedBefore = GC.GetTotalAllocatedBytes();
                pauseBefore = GC.GetTotalPauseDuration();
                self.Refresh();
                cpuBefore = self.TotalProcessorTime;
                wall.Start();
            }
            var start = Stopwatch.GetTimestamp();
            var cpuStart = ThreadCpuTime.NowMs();
            var picture = pictures[i % pictures.Length];
            var at = TimeSpan.FromSeconds(i / 15.0);
            gate.ShouldAnalyse(picture, at);
            var faces = detector.Detect(picture);
            var count = Math.Min(faces.Count, most);
            for (var f = 0; f < count; f++)
            {
                preprocessor.WriteTensor(picture, faces[f].Box, batch.AsSpan(f * FacePreprocessor.TensorLength, FacePreprocessor.TensorLength), faces[f].Landmarks?.Eyes);
            }
            var probabilities = count > 0 ? model.Predict(batch, count) : [];
            visitors.Analyse(faces.Count <= count ? faces : [.. faces.Take(count)], probabilities, DateTimeOffset.UnixEpoch + at);
            if (i == 0)
            {
                // Start-up: from the process's start to its first frame through every stage (what the JIT compiles first).
                self.Refresh();
                startupMs = (DateTime.Now - self.StartTime).TotalMilliseconds;
                startupCpuMs = self.TotalProcessorTime.TotalMilliseconds;
            }
            if (i >= WarmUp)
            {
                times[i - WarmUp] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                cpuTimes[i - WarmUp] = ThreadCpuTime.NowMs() - cpuStart;
                if (i % 50 == 0)
                {
                    self.Refresh();
                    rssPeak = Math.Max(rssPeak, self.WorkingSet64 / 1048576.0);
                }
            }
        }
        wall.Stop();
        self.Refresh();
        rssPeak = Math.Max(rssPeak, self.WorkingSet64 / 1048576.0);
        var cpuMsPerFrame = (self.TotalProcessorTime - cpuBefore).TotalMilliseconds / frames;
        var pauseMs = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds;
        // Generation 0's size when the last collection began: what its budget let it grow to.
        var last = GC.GetGCMemoryInfo();
        var result = new RunResult(
            frames / wall.Elapsed.TotalSeconds, Percentiles.Median(times), Percentiles.Of(times, 0.95), cpuMsPerFrame, pauseMs, (GC.GetTotalAllocatedBytes() - allocatedBefore) / 1024.0 / frames,
            GC.CollectionCount(0) - gen0Before, GC.CollectionCount(2) - gen2Before, last.GenerationInfo[0].SizeBeforeBytes / 1048576.0,
            last.TotalCommittedBytes / 1048576.0, rssPeak, startupMs, startupCpuMs, Percentiles.Of(cpuTimes, 0.95));
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    public static bool IsWorker(string verb) => verb == WorkerVerb;

    /// <summary>One worker run in a fresh process of this benchmark with <paramref name="environment"/>
    /// set over the inherited one (also the JIT settings' benchmark, <see cref="JitSettingsBenchmark"/>).</summary>
    internal static async Task<RunResult?> RunWorkerAsync(int frames, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(WorkerVerb);
        start.ArgumentList.Add(frames.ToString(CultureInfo.InvariantCulture));
        // Each run sets only its own GC variables (none inherited from this shell).
        start.Environment.Remove("DOTNET_GCgen0size");
        start.Environment.Remove("DOTNET_GCGen0MaxBudget");
        foreach (var jit in JitSettingsBenchmark.Variables)
        {
            start.Environment.Remove(jit);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var worker = Process.Start(start)!;
        var output = await worker.StandardOutput.ReadToEndAsync();
        await worker.WaitForExitAsync();
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (worker.ExitCode != 0 || line is null)
        {
            Console.Error.WriteLine($"gcbudget: a run exited with code {worker.ExitCode}: {output}");
            return null;
        }
        return JsonSerializer.Deserialize<RunResult>(line);
    }

    internal static RunResult Summary(List<RunResult> runs) => new(
        Percentiles.Median(runs.Select(r => r.FramesPerSecond).ToArray()), Percentiles.Median(runs.Select(r => r.P50Ms).ToArray()),
        Percentiles.Median(runs.Select(r => r.P95Ms).ToArray()), Percentiles.Median(runs.Select(r => r.CpuMsPerFrame).ToArray()),
        Percentiles.Median(runs.Select(r => r.GcPauseMs).ToArray()), Percentiles.Median(runs.Select(r => r.AllocatedKbPerFrame).ToArray()),
        Percentiles.Median(runs.Select(r => r.Gen0Collections).ToArray()),
        Percentiles.Median(runs.Select(r => r.Gen2Collections).ToArray()), Percentiles.Median(runs.Select(r => r.Gen0SizeMb).ToArray()), Percentiles.Median(runs.Select(r => r.CommittedMb).ToArray()),
        Percentiles.Median(runs.Select(r => r.RssPeakMb).ToArray()), Percentiles.Median(runs.Select(r => r.StartupMs).ToArray()),
        Percentiles.Median(runs.Select(r => r.StartupCpuMs).ToArray()), Percentiles.Median(runs.Select(r => r.CpuP95Ms).ToArray()));

    private static string Hex(double megabytes) => "0x" + ((long)(megabytes * 1048576)).ToString("X", CultureInfo.InvariantCulture);

    internal static string F(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>One run's figures (the worker's JSON line).</summary>
    /// <param name="StartupMs">Wall-clock time from the process's start to its first frame through every stage.</param>
    /// <param name="StartupCpuMs">The process's CPU time at that point (what holds on a busy machine).</param>
    /// <param name="CpuP95Ms">p95 of the frame thread's CPU time per frame: the p95 that does not follow the neighbours' load.</param>
    public sealed record RunResult(double FramesPerSecond, double P50Ms, double P95Ms, double CpuMsPerFrame, double GcPauseMs, double AllocatedKbPerFrame, double Gen0Collections, double Gen2Collections, double Gen0SizeMb, double CommittedMb, double RssPeakMb, double StartupMs = 0, double StartupCpuMs = 0, double CpuP95Ms = 0);
}
