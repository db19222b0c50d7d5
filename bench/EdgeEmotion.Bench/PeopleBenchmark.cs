using System.Diagnostics;
using System.Globalization;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Core.People;
using EdgeEmotion.Core.Statistics;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.People;
using EdgeEmotion.Daemon.Tests.People;
using EdgeEmotion.OnnxGraph;
using Spectre.Console;

namespace EdgeEmotion.Bench;

/// <summary>
/// The person detector (NanoDet-m 416) on the shared clips: recall of person-frames counted by
/// eye (tests/EdgeEmotion.Daemon.Tests/People/clip-people.csv, scored as the tests score it) by
/// score threshold, input fit and gray (the daemon's frames) against colour; then ms per frame,
/// one thread, float and (when given) int8; and what opencv_zoo's published Raspberry Pi 4
/// figure means for a Pi 4 at the person stage's rate.
/// </summary>
public static class PeopleBenchmark
{
    private static readonly float[] Thresholds = [0.3f, 0.35f, 0.4f, 0.45f, 0.5f];
    // opencv_zoo's NMS (0.6) and the detector's default, letterboxed; stretched at the default.
    private static readonly (PersonInputFit Fit, double Nms)[] Setups =
        [(PersonInputFit.Letterbox, 0.6), (PersonInputFit.Letterbox, NanoDetPersonDetector.DefaultNmsThreshold), (PersonInputFit.Stretch, NanoDetPersonDetector.DefaultNmsThreshold)];

    // opencv_zoo's benchmark table (README of opencv_zoo, commit 966be4cb): NanoDet 416 on a
    // Raspberry Pi 4 with OpenCV DNN, one frame.
    private const double PublishedPi4Milliseconds = 212;
    private const double PeopleFps = 3;
    private const double StageShareOfOneCore = 0.35;

    /// <param name="int8Model">The int8 detector; null: models/nanodet-m-416-int8.onnx when it is there.</param>
    /// <param name="shareSeconds">How long the detector runs at People:Fps on offered frames for its share of a core.</param>
    public static void Run(string root, int timedFrames, string? int8Model, double shareSeconds = 30)
    {
        var model = Path.Combine(root, "models", "nanodet-m-416.onnx");
        var shipped = Path.Combine(root, "models", "nanodet-m-416-int8.onnx");
        int8Model ??= File.Exists(shipped) ? shipped : null;
        var frames = ClipPeople.Load(Path.Combine(root, "tests", "EdgeEmotion.Daemon.Tests", "People", "clip-people.csv"),
            Path.Combine(root, "..", "shared", "data", "clips"));
        AnsiConsole.MarkupLine(Markup.Escape($"CPU: {Cpu()}"));
        Recall(model, null, frames, "float");
        if (int8Model is not null)
        {
            Recall(int8Model, null, frames, "int8");
        }
        var timing = new Table().Title($"Person detector per frame, 1 thread, {timedFrames} gray clip frames (fit + inference + decode + NMS): mean process CPU time, wall-clock median and p95")
            .AddColumns("model", "CPU ms per frame", "wall median ms", "wall p95 ms", $"share of one core at {PeopleFps} frames/s (CPU)");
        var floatCpu = Time(model, PublishedSha(model), null, frames, timedFrames, timing, "float (nanodet-m-416.onnx)");
        double? int8Cpu = null;
        double? armFormCpu = null;
        if (int8Model is not null)
        {
            // The form the rule picks here first, then the other one.
            var chosen = Int8KernelRule.Choose(CpuFeatures.Current());
            int8Cpu = Time(int8Model, null, chosen.Form, frames, timedFrames, timing, $"int8 {chosen.Name} (rule's choice here; {Path.GetFileName(int8Model)})");
            var other = chosen.Form == Int8KernelForm.U8S8 ? Int8KernelForm.U8U8 : Int8KernelForm.U8S8;
            var otherCpu = Time(int8Model, null, other, frames, timedFrames, timing, $"int8 {Int8KernelRule.Name(other)}");
            armFormCpu = ArmForm == chosen.Form ? int8Cpu : otherCpu;
        }
        AnsiConsole.Write(timing);
        if (int8Cpu is { } ratioOf)
        {
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"int8 (rule's form) against float in CPU time: {floatCpu / ratioOf:F2}x.")));
        }
        StageShare.Run(model, int8Model, frames, shareSeconds, PeopleFps);
        Pi4(floatCpu, armFormCpu);
    }

    /// <summary>The form the rule runs on a Raspberry Pi 4 (ARM64).</summary>
    private static Int8KernelForm ArmForm => Int8KernelRule.Choose(new CpuFeatures(System.Runtime.InteropServices.Architecture.Arm64, new HashSet<string>())).Form;

    /// <summary>What opencv_zoo's Raspberry Pi 4 figure means at the person stage's rate and
    /// 416x416 input, and (an estimate, not a measurement) with the ratio measured here of the
    /// int8 form the rule runs on ARM64.</summary>
    private static void Pi4(double floatCpu, double? int8Cpu)
    {
        var pi4Share = PublishedPi4Milliseconds * PeopleFps / 1000;
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Raspberry Pi 4, opencv_zoo's published {PublishedPi4Milliseconds} ms per frame (OpenCV DNN, float, 416x416): at {PeopleFps} frames/s the stage takes {pi4Share:P0} of one Cortex-A72 core ({pi4Share / 4:P0} of the four); " +
            $"{StageShareOfOneCore:P0} of one core allows {StageShareOfOneCore * 1000 / PublishedPi4Milliseconds:F2} frames/s. Here: {floatCpu:F1} ms of CPU per frame float.")));
        if (int8Cpu is { } int8)
        {
            var estimate = PublishedPi4Milliseconds * int8 / floatCpu;
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"If int8 in the form the rule runs on ARM64 ({Int8KernelRule.Name(ArmForm)}) gave a Pi 4 the ratio it gives here ({floatCpu / int8:F2}x; an estimate, not measured on a Pi, where OnnxRuntime would run instead of OpenCV DNN): about {estimate:F0} ms per frame, {estimate * PeopleFps / 1000:P0} of one core at {PeopleFps} frames/s, {StageShareOfOneCore * 1000 / estimate:F2} frames/s within {StageShareOfOneCore:P0}.")));
        }
    }

    private static string? PublishedSha(string model) =>
        Path.GetFileName(model) == "nanodet-m-416.onnx" ? NanoDetPersonDetector.PublishedSha256 : null;

    private static void Recall(string model, string? sha, IReadOnlyList<ClipFrame> frames, string name)
    {
        var table = new Table().Title($"Person-frames found on the shared clips ({name}; counted by eye: {frames.Sum(f => f.People)} person-frames in {frames.Count} frames)")
            .AddColumns("fit", "NMS IoU", "colours", "min score", "recall, all", "store aisle", "walking pair", "head-pose clips", "spurious boxes");
        foreach (var (fit, nms) in Setups)
        {
            using var detector = new NanoDetPersonDetector(model, Thresholds.Min(), expectedSha256: sha ?? PublishedSha(model), fit: fit, nmsThreshold: nms);
            foreach (var colour in new[] { false, true })
            {
                // Greedy NMS keeps a box by the boxes scoring higher only, so one run at the lowest
                // threshold, filtered, gives what each higher threshold would.
                var found = frames.Select(f => (Frame: f, Boxes: colour ? detector.Detect(f.Colour()) : detector.Detect(f.Gray()))).ToList();
                foreach (var threshold in Thresholds)
                {
                    var all = new PersonFrameScore();
                    var byClip = new Dictionary<string, PersonFrameScore>();
                    foreach (var (frame, boxes) in found)
                    {
                        var count = boxes.Count(b => b.Score >= threshold);
                        all.Add(frame.People, count);
                        var group = frame.Clip.StartsWith("head-pose", StringComparison.Ordinal) ? "head-pose" : frame.Clip;
                        (byClip.TryGetValue(group, out var s) ? s : byClip[group] = new PersonFrameScore()).Add(frame.People, count);
                    }
                    table.AddRow(fit.ToString(), nms.ToString("F2", CultureInfo.InvariantCulture), colour ? "colour" : "gray (daemon)", threshold.ToString("F2", CultureInfo.InvariantCulture),
                        $"{all.Recall:F3} ({all.Found}/{all.PersonFrames})", Cell(byClip["store-aisle-detection"]), Cell(byClip["face-demographics-walking"]),
                        Cell(byClip["head-pose"]), $"{all.Spurious}");
                }
            }
        }
        AnsiConsole.Write(table);
    }

    private static string Cell(PersonFrameScore s) => $"{s.Recall:F3} ({s.Found}/{s.PersonFrames}, +{s.Spurious})";

    private static double Time(string model, string? sha, Int8KernelForm? form, IReadOnlyList<ClipFrame> frames, int count, Table table, string name)
    {
        using var detector = new NanoDetPersonDetector(model, expectedSha256: sha, int8Kernels: form);
        var gray = frames.Select(f => f.Gray()).ToList();
        var times = new List<double>();
        using var process = Process.GetCurrentProcess();
        var cpuStart = TimeSpan.Zero;
        for (var i = 0; i < count + 10; i++)
        {
            if (i == 10)
            {
                process.Refresh();
                cpuStart = process.TotalProcessorTime;
            }
            var start = Stopwatch.GetTimestamp();
            detector.Detect(gray[i % gray.Count]);
            if (i >= 10)
            {
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }
        process.Refresh();
        // One intra-op thread runs on the calling thread: the process's CPU time is the stage's,
        // and unlike the wall-clock times it does not grow with other work on the machine.
        var cpu = (process.TotalProcessorTime - cpuStart).TotalMilliseconds / count;
        var median = Percentiles.Median(times.ToArray());
        var p95 = Percentiles.Of(times.ToArray(), 0.95);
        table.AddRow(name, $"{cpu:F1}", $"{median:F1}", $"{p95:F1}", $"{cpu * PeopleFps / 1000:P1}");
        return cpu;
    }

    private static string Cpu()
    {
        // Other work on the machine slows the timings: the load is printed with them.
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
        return $"{CpuDescription.Current()}; {Environment.ProcessorCount} logical CPUs; load average (1 min) at start {load}";
    }
}
