using System.Diagnostics;
using EdgeEmotion.Bench;
using EdgeEmotion.Core.Imaging;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Core.Preprocessing;
using EdgeEmotion.Core.Statistics;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.Visits;
using EdgeEmotion.OnnxGraph;
using Spectre.Console;

// End-to-end cost of one frame through the daemon's stages at 640x480 with 1..6 faces:
// capture (decoding an MJPEG camera frame with the managed decoder), detection, preprocessing,
// classification, the motion check that lets a still picture skip detection and
// classification, and the tracker with the visit bookkeeping; resident memory after each configuration.
// Run: dotnet run -c Release --project bench/EdgeEmotion.Bench -- . 300
// Soak: dotnet run -c Release --project bench/EdgeEmotion.Bench -- soak 30 [--daemon=published-folder] [--Key=value …]
// (minutes, then settings passed on to the daemon, e.g. --Detector:InputWidth=320)
// Tracker + visits cost per frame: dotnet run -c Release --project bench/EdgeEmotion.Bench -- tracking 3000
// Synthetic tracking IDF1 table:   dotnet run -c Release --project bench/EdgeEmotion.Bench -- idf1 .
// Emotions on the real clips:       dotnet run -c Release --project bench/EdgeEmotion.Bench -- clips . [emotion-int8.onnx]
// Tables written to a file or pipe (nohup, CI logs) would wrap at Spectre's default 80 columns.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 160;
}
if (args.Length > 0 && args[0] == "clips")
{
    ClipEmotions.Run(args.Length > 1 ? args[1] : ".", args.Length > 2 ? args[2] : "emotion-int8.onnx");
    return 0;
}
// Person detector on the clips (recall float and int8, ms per frame, share of a core at People:Fps 3):
// dotnet run -c Release --project bench/EdgeEmotion.Bench -- people . 200 [int8 model, default models/nanodet-m-416-int8.onnx] [seconds at 3 frames/s, default 30]
if (args.Length > 0 && args[0] == "people")
{
    PeopleBenchmark.Run(args.Length > 1 ? args[1] : ".", args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200,
        args.Length > 3 && args[3] != "-" ? args[3] : null, args.Length > 4 ? double.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 30);
    return 0;
}
// One clip through the person detector and body tracker at the daemon's settings, frame by frame (boxes, track ids, ended tracks):
// dotnet run -c Release --project bench/EdgeEmotion.Bench -- people-frames . [clip, default store-aisle-detection] [model or -] [frame step, default People:Fps's] [first frame] [colour: the clip's colours, not the daemon's gray]
if (args.Length > 0 && args[0] == "people-frames")
{
    PeopleFramesDiagnostic.Run(args.Length > 1 ? args[1] : ".", args.Length > 2 ? args[2] : "store-aisle-detection", args.Length > 3 && args[3] != "-" ? args[3] : null,
        args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : null, args.Length > 5 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 0,
        args.Contains("colour"));
    return 0;
}
// Rules for tracking bodies compared on the shared clips (tracks per clip, tracked person-frames):
// dotnet run -c Release --project bench/EdgeEmotion.Bench -- people-tracks . [model, default People:Model's]
if (args.Length > 0 && args[0] == "people-tracks")
{
    BodyTrackRulesBenchmark.Run(args.Length > 1 ? args[1] : ".", args.Length > 2 ? args[2] : null);
    return 0;
}
// Whole frame chain with the person stage off, on (float), on (int8), interleaved (issue #30's throughput target):
// dotnet run -c Release --project bench/EdgeEmotion.Bench -- pipeline-people . [rounds, default 20] [frames per block, default 60]
if (args.Length > 0 && args[0] == "pipeline-people")
{
    PipelinePeopleBenchmark.Run(args.Length > 1 ? args[1] : ".", args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 60);
    return 0;
}
if (args.Length > 0 && args[0] == "tracking")
{
    TrackingBenchmark.Cost(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3000);
    return 0;
}
if (args.Length > 0 && args[0] == "idf1")
{
    TrackingBenchmark.Identity(args.Length > 1 ? args[1] : ".");
    return 0;
}
// Generation-0 bound: dotnet run -c Release --project bench/EdgeEmotion.Bench -- gcbudget [frames] [rounds] [MB …]
// (the shipped bound against none, here and on a simulated 300 MiB L3; extra MB: more bounds to compare)
if (args.Length > 0 && args[0] == "gcbudget")
{
    return await GcBudgetBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 600,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3,
        [.. args.Skip(3).Select(a => double.Parse(a, System.Globalization.CultureInfo.InvariantCulture))]);
}
// JIT settings (start-up, frames/s, p95, CPU per frame): dotnet run -c Release --project bench/EdgeEmotion.Bench -- jit [frames] [rounds] [default|loops|quickjit|off …]
if (args.Length > 0 && args[0] == "jit")
{
    return await JitSettingsBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 600,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3,
        [.. args.Skip(3)]);
}
if (args.Length > 0 && GcBudgetBenchmark.IsWorker(args[0]))
{
    return GcBudgetBenchmark.Work(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 600);
}
if (args.Length > 0 && args[0] == "soak")
{
    return await SoakBenchmark.RunAsync(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30, args.Skip(2).ToArray());
}
// A crowd: 154 faces per 1920x1440 frame, memory against the target: dotnet run -c Release --project bench/EdgeEmotion.Bench -- crowd 70 [--Key=value …]
if (args.Length > 0 && args[0] == "crowd")
{
    return await CrowdBenchmark.RunAsync(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 70, args.Skip(2).ToArray());
}
// RTSP through ffmpeg next to the image source, and recovery: dotnet run -c Release --project bench/EdgeEmotion.Bench -- rtsp 60
if (args.Length > 0 && args[0] == "rtsp")
{
    return await RtspBenchmark.RunAsync(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60);
}
// Faults: dotnet run -c Release --project bench/EdgeEmotion.Bench -- faults 10 [--Faults:FaultSeconds=40 …] [--Key=value …]
// (broker stall, broker kill, disk full and SIGKILL in turn; needs root and mosquitto; see bench/README.md)
if (args.Length > 0 && args[0] == "faults")
{
    var faultMinutes = 10.0;
    if (args.Length > 1 && (!double.TryParse(args[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out faultMinutes) || !(faultMinutes > 0)))
    {
        Console.Error.WriteLine($"faults: minutes '{args[1]}' is not a number above 0 (faults <minutes> [--Faults:Key=value …] [--Key=value …]).");
        return 2;
    }
    return await EdgeEmotion.Bench.Faults.FaultsBenchmark.RunAsync(faultMinutes, args.Skip(2).ToArray());
}
var root = args.Length > 0 ? args[0] : ".";
var frames = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200;
var models = Path.Combine(root, "models");
var picture = ImageDecoder.ReadGray(Path.Combine(root, "samples", "demo", "group-20.jpg"));

AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 140);
var table = new Table().Title($"Daemon stages per frame, 640x480, median of {frames} frames after warm-up").AddColumns(
    "threads", "detect width", "model", "faces", "capture ms", "motion check ms", "detect ms", "preprocess ms", "classify ms", "track+visits ms", "total ms", "frames/s", "RSS MB");
IReadOnlyList<DetectedFace> found;
using (var finder = new YuNetDetector(Path.Combine(models, "yunet-n-dynamic.onnx"), new DetectorOptions { InputWidth = picture.Width }))
{
    found = finder.Detect(picture);
}
// int8 runs in the form the daemon chooses here (Model:Int8Kernels=auto); one setup runs the other
// form at the daemon's default width, to show what the choice is worth on this CPU.
var chosen = Int8KernelRule.Choose(CpuFeatures.Current());
var other = chosen.Form == Int8KernelForm.U8S8 ? Int8KernelForm.U8U8 : Int8KernelForm.U8S8;
AnsiConsole.WriteLine($"CPU: {CpuDescription.Current()}; int8 runs {chosen.Name} ({chosen.Reason})");
(int Threads, int Width, string ModelFile, Int8KernelForm? Form)[] setups =
[
    (1, 320, "emotion-int8.onnx", chosen.Form), (1, 320, "emotion-fp32.onnx", null), (1, 640, "emotion-int8.onnx", chosen.Form),
    (1, 640, "emotion-int8.onnx", other), (2, 320, "emotion-int8.onnx", chosen.Form), (2, 640, "emotion-int8.onnx", chosen.Form),
];
foreach (var (threads, width, modelFile, form) in setups)
{
    {
        var modelName = form is { } int8Form ? $"int8 {Int8KernelRule.Name(int8Form)}" : "fp32";
        using var detector = new YuNetDetector(Path.Combine(models, "yunet-n-dynamic.onnx"), new DetectorOptions { Threads = threads, InputWidth = width });
        using var model = EmotionModel.Load(Path.Combine(models, modelFile), threads, int8Kernels: form);
        var preprocessor = new FacePreprocessor(0.1f);
        foreach (var faceCount in new[] { 1, 3, 6 })
        {
            var frame = BenchFrames.WithFaces(picture, found, faceCount);
            var jpeg = Jpeg(frame);
            var batch = new float[faceCount * FacePreprocessor.TensorLength];
            var t = new List<double>[6] { [], [], [], [], [], [] };
            var visitors = new VisitorTracking(new TrackingOptions(), new VisitsOptions());
            // Refresh zero: every frame counts as moved and goes through all stages, as when people move.
            var gate = new MotionGate(12, TimeSpan.Zero);
            for (var i = 0; i < frames + 20; i++)
            {
                var s0 = Stopwatch.GetTimestamp();
                var decoded = ImageDecoder.DecodeGray(jpeg, "frame");
                var m0 = Stopwatch.GetTimestamp();
                gate.ShouldAnalyse(decoded, Stopwatch.GetElapsedTime(0, m0));
                var s1 = Stopwatch.GetTimestamp();
                var faces = detector.Detect(decoded);
                var s2 = Stopwatch.GetTimestamp();
                for (var f = 0; f < faces.Count; f++)
                {
                    // With the eyes, as the daemon's classifier crops: tilted faces are turned level.
                    preprocessor.WriteTensor(decoded, faces[f].Box, batch.AsSpan(f * FacePreprocessor.TensorLength, FacePreprocessor.TensorLength), faces[f].Landmarks?.Eyes);
                }
                var s3 = Stopwatch.GetTimestamp();
                float[] probabilities = [];
                if (faces.Count > 0)
                {
                    probabilities = model.Predict(batch, Math.Min(faces.Count, faceCount));
                }
                var s4 = Stopwatch.GetTimestamp();
                // Frame time as a 15 frames/s camera would stamp it.
                visitors.Analyse(faces.Count <= faceCount ? faces : [.. faces.Take(faceCount)], probabilities, DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(i / 15.0));
                var s5 = Stopwatch.GetTimestamp();
                if (i < 20)
                {
                    continue; // warm-up
                }
                t[0].Add(Stopwatch.GetElapsedTime(s0, m0).TotalMilliseconds);
                t[4].Add(Stopwatch.GetElapsedTime(m0, s1).TotalMilliseconds);
                t[1].Add(Stopwatch.GetElapsedTime(s1, s2).TotalMilliseconds);
                t[2].Add(Stopwatch.GetElapsedTime(s2, s3).TotalMilliseconds);
                t[3].Add(Stopwatch.GetElapsedTime(s3, s4).TotalMilliseconds);
                t[5].Add(Stopwatch.GetElapsedTime(s4, s5).TotalMilliseconds);
                if (i == 20 && faces.Count != faceCount)
                {
                    AnsiConsole.MarkupLine($"[yellow]note: {faces.Count} of {faceCount} faces detected at width {width}[/]");
                }
            }
            var medians = t.Select(times => Percentiles.Median(times.ToArray())).ToArray();
            var total = medians.Sum();
            using var process = Process.GetCurrentProcess();
            table.AddRow($"{threads}", $"{width}", modelName, $"{faceCount}",
                $"{medians[0]:F2}", $"{medians[4]:F2}", $"{medians[1]:F2}", $"{medians[2]:F2}", $"{medians[3]:F2}", $"{medians[5]:F3}", $"{total:F2}", $"{1000 / total:F0}", $"{process.WorkingSet64 / 1048576.0:F0}");
        }
    }
}
AnsiConsole.Write(table);
return 0;

// The frame as an MJPEG camera would deliver it (JPEG quality 90), encoded once with OpenCV.
static byte[] Jpeg(GrayImage frame)
{
    using var mat = OpenCvSharp.Mat.FromPixelData(frame.Height, frame.Width, OpenCvSharp.MatType.CV_8UC1, frame.Pixels);
    return mat.ImEncode(".jpg", [(int)OpenCvSharp.ImwriteFlags.JpegQuality, 90]);
}
