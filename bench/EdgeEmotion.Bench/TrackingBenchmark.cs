using System.Diagnostics;
using EdgeEmotion.Contracts;
using EdgeEmotion.Core.Preprocessing;
using EdgeEmotion.Core.Statistics;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.Tests.Tracking;
using EdgeEmotion.Daemon.Visits;
using Spectre.Console;

namespace EdgeEmotion.Bench;

/// <summary>Tracker and visit bookkeeping: the cost per frame with many faces, and the
/// identity figures on the synthetic sequences the tests render.</summary>
public static class TrackingBenchmark
{
    /// <summary>Median cost of one <see cref="VisitorTracking.Analyse"/> call with 6 and 20 faces
    /// walking across a 640x480 frame at 15 frames/s (people leave and new ones come, so tracks
    /// start, confirm and end as in a shop).</summary>
    public static void Cost(int frames)
    {
        var table = new Table().Title($"Tracker + visit bookkeeping per frame, median of {frames} frames after warm-up").AddColumns("faces", "median ms", "p95 ms", "visits ended");
        foreach (var faceCount in new[] { 6, 20 })
        {
            var visitors = new VisitorTracking(new TrackingOptions(), new VisitsOptions());
            var random = new Random(1);
            var probabilities = new float[faceCount * EmotionLabels.Count];
            for (var i = 0; i < probabilities.Length; i++)
            {
                probabilities[i] = (float)random.NextDouble() / 3.5f;
            }
            var times = new List<double>();
            long ended = 0;
            var epoch = DateTimeOffset.UnixEpoch;
            for (var k = 0; k < frames + 100; k++)
            {
                var t = k / 15.0;
                var faces = Faces(faceCount, t);
                var start = Stopwatch.GetTimestamp();
                var result = visitors.Analyse(faces, probabilities, epoch + TimeSpan.FromSeconds(t));
                if (k % 150 == 0)
                {
                    visitors.Window.Close();
                }
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                ended += result.Finished.Count;
                if (k >= 100)
                {
                    times.Add(elapsed);
                }
            }
            table.AddRow($"{faceCount}", $"{Percentiles.Median(times.ToArray()):F4}", $"{Percentiles.Of(times.ToArray(), 0.95):F4}", $"{ended}");
        }
        AnsiConsole.Write(table);
    }

    /// <summary>IDF1, ID switches and visitor counts per synthetic sequence and frame rate, with
    /// the real YuNet detector on every rendered frame.</summary>
    public static void Identity(string root)
    {
        var yunet = Path.Combine(root, "models", "yunet-n-dynamic.onnx");
        var faces = SyntheticScene.LoadFaces(Path.Combine(root, "..", "shared", "data", "faces"), yunet, 10);
        var tracking = new TrackingOptions();
        using var detector = new YuNetDetector(yunet, new DetectorOptions(), tracking.LowScoreThreshold);
        AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 140);
        var table = new Table().Title("Synthetic sequences: tracker identity figures (IoU >= 0.5)").AddColumns("sequence", "fps", "frames", "true boxes", "IDF1", "ID switches", "visits", "visits expected");
        foreach (var sequence in SyntheticScene.Sequences)
        {
            foreach (var fps in new[] { 5.0, 10.0, 15.0 })
            {
                var r = SyntheticRun.Run(sequence, faces, fps, detector, tracking, new VisitsOptions());
                table.AddRow(sequence.Name, $"{fps:F0}", $"{r.Frames}", $"{r.Score.TruthBoxes}", $"{r.Score.Idf1:F3}", $"{r.Score.IdSwitches}", $"{r.Visits}", $"{r.ExpectedVisits}");
            }
        }
        AnsiConsole.Write(table);
    }

    /// <summary>People walking across in lanes, each lane's walker replaced by a new one every few seconds.</summary>
    private static List<DetectedFace> Faces(int count, double t)
    {
        var faces = new List<DetectedFace>(count);
        for (var i = 0; i < count; i++)
        {
            var lane = i % 5;
            var size = 40 + (8 * (i / 5));
            var period = 6.0 + i;
            var phase = (t + (i * 0.7)) % period / period;
            var x = (float)(-size + (phase * (640 + size)));
            var y = 20 + (lane * 90) + (i / 5 * 8);
            var box = new FaceBox(x, y, size, size);
            var landmarks = new FaceLandmarks(
                new LandmarkPoint(x + (0.3f * size), y + (0.4f * size)), new LandmarkPoint(x + (0.7f * size), y + (0.4f * size)),
                new LandmarkPoint(x + (0.5f * size), y + (0.6f * size)), new LandmarkPoint(x + (0.35f * size), y + (0.8f * size)),
                new LandmarkPoint(x + (0.65f * size), y + (0.8f * size)));
            faces.Add(new DetectedFace(box, 0.9f, landmarks, IsHighScore: true));
        }
        return faces;
    }
}
