using System.Globalization;
using EdgeEmotion.Core.Onnx;
using Spectre.Console;

namespace EdgeEmotion.Bench;

/// <summary>What the JIT's settings cost the daemon's frame stages: the generation-0 benchmark's
/// worker (motion check, YuNet at 640, int8 classifier, tracker and visits; one thread; the demo
/// pictures) in fresh processes, each under one setting, in turn A B C … then reversed, so that a
/// drift of the shared machine hits every setting alike. Per setting: start-up to the first frame
/// (wall and CPU time), frames/s, median and p95 frame time, CPU time per frame, p95 of the frame
/// thread's CPU time (the p95 that holds on a busy machine) and peak RSS; ratios round by round
/// against the first setting (.NET's default: tiered compilation with quick JIT).</summary>
/// <remarks>How much resident memory each setting adds over time is the soak's to measure
/// (<c>soak</c> with the same environment variables); this one measures what the settings cost.
/// Every setting is given by its environment variable, which wins over the runtimeconfig.json the
/// daemon ships, so the comparison does not depend on what is shipped.</remarks>
public static class JitSettingsBenchmark
{
    /// <summary>The variables the settings set (removed from the inherited environment of every run).</summary>
    public static readonly string[] Variables = ["DOTNET_TieredCompilation", "DOTNET_TC_QuickJit", "DOTNET_TC_QuickJitForLoops", "DOTNET_TieredPGO"];

    /// <param name="only">Keys of the settings to run (default, loops, quickjit, off); none: all.
    /// The first one run is the reference of the ratios.</param>
    public static async Task<int> RunAsync(int frames, int rounds, IReadOnlyCollection<string> only)
    {
        // Dynamic PGO is off in the daemon's project in every setting (its instrumented code costs 7-10 MB).
        (string Key, string Name, Dictionary<string, string> Env)[] all =
        [
            ("default", "tiered, quick JIT (.NET's default)", new() { ["DOTNET_TieredCompilation"] = "1", ["DOTNET_TieredPGO"] = "0" }),
            ("loops", "tiered, quick JIT off for loops", new() { ["DOTNET_TieredCompilation"] = "1", ["DOTNET_TC_QuickJitForLoops"] = "0", ["DOTNET_TieredPGO"] = "0" }),
            ("quickjit", "tiered, quick JIT off", new() { ["DOTNET_TieredCompilation"] = "1", ["DOTNET_TC_QuickJit"] = "0", ["DOTNET_TieredPGO"] = "0" }),
            ("off", "tiered compilation off (shipped)", new() { ["DOTNET_TieredCompilation"] = "0", ["DOTNET_TieredPGO"] = "0" }),
        ];
        var unknown = only.Except(all.Select(s => s.Key)).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"jit: setting '{unknown[0]}' is unknown (jit [frames] [rounds] [{string.Join('|', all.Select(s => s.Key))} …]).");
            return 2;
        }
        var settings = all.Where(s => only.Count == 0 || only.Contains(s.Key)).Select(s => (s.Name, s.Env)).ToArray();
        Console.WriteLine(CpuDescription.WithCache());
        var results = settings.Select(_ => new List<GcBudgetBenchmark.RunResult>()).ToList();
        for (var round = 0; round < rounds; round++)
        {
            var order = Enumerable.Range(0, settings.Length);
            foreach (var i in round % 2 == 0 ? order : order.Reverse())
            {
                var run = await GcBudgetBenchmark.RunWorkerAsync(frames, settings[i].Env);
                if (run is null)
                {
                    return 2;
                }
                results[i].Add(run);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round + 1}, {settings[i].Name}: first frame after {run.StartupMs:F0} ms ({run.StartupCpuMs:F0} ms CPU), {run.FramesPerSecond:F1} frames/s, p95 {run.P95Ms:F2} ms, CPU {run.CpuMsPerFrame:F2} ms/frame, frame CPU p95 {run.CpuP95Ms:F2} ms"));
            }
        }

        var table = new Table().Title($"JIT settings: {frames} frames per run, {rounds} runs per setting (medians; ratios against the first setting, round by round); {CpuDescription.WithCache()}").AddColumns(
            "setting", "first frame ms", "first frame CPU ms", "CPU ratio", "frames/s", "frame ms p50", "frame ms p95", "frames/s ratio", "p95 ratio", "CPU ms/frame", "CPU/frame ratio", "frame CPU ms p95", "CPU p95 ratio", "RSS peak MB");
        for (var i = 0; i < settings.Length; i++)
        {
            var s = GcBudgetBenchmark.Summary(results[i]);
            double Ratio(Func<GcBudgetBenchmark.RunResult, double> figure) =>
                Core.Statistics.Percentiles.Median(results[i].Select((r, k) => figure(r) / figure(results[0][k])).ToArray());
            table.AddRow(settings[i].Name, F(s.StartupMs, 0), F(s.StartupCpuMs, 0), F(Ratio(r => r.StartupCpuMs), 3), F(s.FramesPerSecond, 1), F(s.P50Ms, 2), F(s.P95Ms, 2),
                F(Ratio(r => r.FramesPerSecond), 3), F(Ratio(r => r.P95Ms), 3), F(s.CpuMsPerFrame, 2), F(Ratio(r => r.CpuMsPerFrame), 3),
                F(s.CpuP95Ms, 2), F(Ratio(r => r.CpuP95Ms), 3), F(s.RssPeakMb, 1));
        }
        AnsiConsole.Write(table);
        return 0;
    }

    private static string F(double value, int decimals) => GcBudgetBenchmark.F(value, decimals);
}
