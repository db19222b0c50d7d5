using System.Globalization;
using EdgeEmotion.Core.Imaging;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Core.Preprocessing;
using EdgeEmotion.Daemon.Classification;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.Visits;
using Spectre.Console;

namespace EdgeEmotion.Bench;

/// <summary>
/// Where a crowd's memory goes, per frame: the daemon's stages (detection, classification of every
/// face, tracking and visits) run in this process on the crowd frames with the daemon's default
/// settings, and the managed bytes each allocates per frame (mean after warm-up); then the
/// generation-2 collections over the run and the large object heap (arrays of 85,000 bytes or
/// more, collected only with generation 2) after the last collection.
/// </summary>
public static class CrowdAllocations
{
    private const int WarmUp = 5;

    public static void Run(string frames, string models, int count)
    {
        var pictures = Directory.GetFiles(frames, "*.png").Order(StringComparer.Ordinal).Select(ImageDecoder.ReadGray).ToArray();
        var tracking = new TrackingOptions();
        using var detector = new YuNetDetector(Path.Combine(models, "yunet-n-dynamic.onnx"), new DetectorOptions(), tracking.LowScoreThreshold);
        using var classifier = new EmotionClassifier(EmotionModel.Load(Path.Combine(models, "emotion-int8.onnx"), new ModelOptions().Threads), new FacePreprocessor(new ModelOptions().Margin));
        var visitors = new VisitorTracking(tracking, new VisitsOptions());
        var bytes = new long[3];
        var faces = 0L;
        var gen2 = 0;
        for (var i = 0; i < count + WarmUp; i++)
        {
            var frame = pictures[i % pictures.Length];
            if (i == WarmUp)
            {
                gen2 = GC.CollectionCount(2);
            }
            var a0 = GC.GetAllocatedBytesForCurrentThread();
            var detected = detector.Detect(frame);
            var a1 = GC.GetAllocatedBytesForCurrentThread();
            var analysed = AnalysedFaces.KeepValid(detected, classifier.Classify(frame, detected));
            var a2 = GC.GetAllocatedBytesForCurrentThread();
            visitors.Analyse(analysed.Faces, analysed.Probabilities, DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(i / 15.0));
            var a3 = GC.GetAllocatedBytesForCurrentThread();
            if (i < WarmUp)
            {
                continue;
            }
            faces += detected.Count;
            bytes[0] += a1 - a0;
            bytes[1] += a2 - a1;
            bytes[2] += a3 - a2;
        }
        var table = new Table().Title($"Managed allocation per crowd frame, in process, {count} frames of {(double)faces / count:F1} faces, {CpuDescription.WithCache()}")
            .AddColumns("stage", "KB allocated per frame");
        string[] stages = ["detect", "classify", "track + visits"];
        for (var s = 0; s < stages.Length; s++)
        {
            table.AddRow(stages[s], (bytes[s] / 1024.0 / count).ToString("F1", CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
        var loh = GC.GetGCMemoryInfo().GenerationInfo[3].SizeAfterBytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generation-2 collections over {count} frames: {GC.CollectionCount(2) - gen2}; large object heap after the last collection: {loh / 1048576.0:F1} MB"));
    }
}
