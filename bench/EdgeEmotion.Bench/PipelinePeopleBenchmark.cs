using System.Globalization;
using EdgeEmotion.Core.Imaging;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Core.Statistics;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.Tests.People;
using Spectre.Console;

namespace EdgeEmotion.Bench;

/// <summary>
/// Issue #30's throughput target on the whole per-frame chain (<see cref="PipelineArm"/>):
/// people off, on with the float detector, on with the int8 one, at the defaults (640x480 gray,
/// frame times at 15 frames/s, People:Fps 3, one thread each), over the store aisle and the
/// walking pair scaled to 640x480. The arms run in one process, interleaved in blocks
/// (A B C, C B A, ...) so that load from other programs falls on all of them alike, and each
/// is compared with people off as a ratio, per pair of rounds and over all. Capture (decoding)
/// is left out: it is the same in every arm and would only shrink the difference.
/// </summary>
internal static class PipelinePeopleBenchmark
{
    private const double OfferedFps = 15;
    private const double StageShareTarget = 0.35;
    private const double FramesRatioTarget = 0.70;
    private static readonly string[] Clips = ["store-aisle-detection", "face-demographics-walking"];

    public static void Run(string root, int rounds, int blockFrames)
    {
        var models = Path.Combine(root, "models");
        var clipFrames = ClipPeople.Load(Path.Combine(root, "tests", "EdgeEmotion.Daemon.Tests", "People", "clip-people.csv"), Path.Combine(root, "..", "shared", "data", "clips"));
        var frames = clipFrames.Where(f => Clips.Contains(f.Clip)).Select(f => StageShare.Scaled(f.Gray())).ToList();
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
        AnsiConsole.MarkupLine(Markup.Escape($"CPU: {CpuDescription.Current()}; {Environment.ProcessorCount} logical CPUs; load average (1 min) at start {load}"));
        var peopleFps = new PeopleOptions().Fps;
        PipelineArm[] arms =
        [
            new("people off", models, null, OfferedFps),
            new("people on, float", models, Path.Combine(models, "nanodet-m-416.onnx"), OfferedFps),
            new("people on, int8", models, Path.Combine(models, "nanodet-m-416-int8.onnx"), OfferedFps),
        ];
        try
        {
            // Warm-up: the first runs plan the kernels and compile the code.
            foreach (var arm in arms)
            {
                arm.Run(frames, blockFrames);
            }
            // Per round, each arm's thread CPU ms per frame; rounds alternate the order.
            var perRound = arms.Select(_ => new List<double>()).ToArray();
            for (var r = 0; r < rounds; r++)
            {
                var order = r % 2 == 0 ? Enumerable.Range(0, arms.Length) : Enumerable.Range(0, arms.Length).Reverse();
                foreach (var a in order)
                {
                    var block = arms[a].Run(frames, blockFrames);
                    arms[a].Measured.Add(block);
                    perRound[a].Add(block.ThreadCpuMs / block.Frames);
                }
            }
            Report(arms, perRound, frames.Count, rounds, blockFrames, peopleFps);
        }
        finally
        {
            foreach (var arm in arms)
            {
                arm.Dispose();
            }
        }
    }

    private static void Report(PipelineArm[] arms, List<double>[] perRound, int distinctFrames, int rounds, int blockFrames, double peopleFps)
    {
        var off = arms[0].Measured;
        var offCpu = off.ThreadCpuMs / off.Frames;
        var offCapacity = 1000 / offCpu;
        AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 240);
        var table = new Table().Title(Inv(
                $"Whole frame chain (FrameAnalyzer), 640x480 gray ({distinctFrames} frames: store aisle + walking pair, scaled), frame times at {OfferedFps:F0} frames/s, People:Fps {peopleFps:F0}, 1 thread each, motion gating off; {rounds} rounds of {blockFrames} frames per arm, interleaved"))
            .AddColumns("setting", "person runs", "CPU ms per frame (thread)", "process CPU ms per frame", "wall ms per frame", "frames per CPU-second", "frames/s wall (unpaced)",
                "CPU vs off: median of rounds (min-max)", "capacity vs off (target ≥ 70 %)", "person stage CPU ms per run", $"person stage, share of one core at {OfferedFps:F0} frames/s (target ≤ 35 %)", $"analysed frames/s at {OfferedFps:F0} offered (vs off)");
        var stageCpuPerRun = new Dictionary<string, double>();
        for (var a = 0; a < arms.Length; a++)
        {
            var m = arms[a].Measured;
            var cpu = m.ThreadCpuMs / m.Frames;
            var capacity = 1000 / cpu;
            var ratios = perRound[a].Select((v, r) => v / perRound[0][r]).ToArray();
            var analysedAtOffered = Math.Min(OfferedFps, capacity);
            var name = arms[a].PersonKernels is { } kernels and not "float" ? $"{arms[a].Name} ({kernels})" : arms[a].Name;
            string runCost = "", share = "";
            if (a > 0)
            {
                // The stage's cost is what the chain costs more with it on: detection, its input
                // and decoding, body tracking and faces attached to bodies.
                var extraPerFrame = cpu - offCpu;
                var perRun = extraPerFrame * m.Frames / m.PersonRuns;
                stageCpuPerRun[arms[a].PersonKernels ?? arms[a].Name] = perRun;
                runCost = Inv($"{perRun:F1}");
                share = Inv($"{extraPerFrame * OfferedFps / 1000:P1}");
            }
            table.AddRow(name, $"{m.PersonRuns}", Inv($"{cpu:F2}"), Inv($"{m.ProcessCpuMs / m.Frames:F2}"), Inv($"{m.WallMs / m.Frames:F2}"),
                Inv($"{capacity:F1}"), Inv($"{1000 * m.Frames / m.WallMs:F1}"),
                a == 0 ? "1" : Inv($"{Percentiles.Median(ratios):F3} ({ratios.Min():F3}-{ratios.Max():F3})"),
                Inv($"{capacity / offCapacity:P1}"), runCost, share,
                Inv($"{analysedAtOffered:F1} ({analysedAtOffered / Math.Min(OfferedFps, offCapacity):P0})"));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(Markup.Escape(Inv(
            $"Targets: person stage at most {StageShareTarget:P0} of one core at {OfferedFps:F0} frames/s offered; capacity with people on at least {FramesRatioTarget:P0} of people off.")));
        if (stageCpuPerRun.TryGetValue("float", out var floatRun))
        {
            foreach (var (kernels, run) in stageCpuPerRun.Where(s => s.Key != "float"))
            {
                AnsiConsole.MarkupLine(Markup.Escape(Inv($"Person stage int8 ({kernels}) against float in CPU per run: {floatRun / run:F2}x.")));
            }
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
