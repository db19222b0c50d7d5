using EdgeEmotion.Contracts;
using EdgeEmotion.Core.Preprocessing;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.Tracking;
using EdgeEmotion.Daemon.Visits;

namespace EdgeEmotion.Daemon.Tests.Tracking;

/// <summary>What the tracker and the visit book made of one rendered sequence.</summary>
internal sealed record SyntheticResult(string Sequence, double Fps, int Frames, IdentityScore Score, int Visits, int ExpectedVisits);

/// <summary>Renders a sequence, runs the real YuNet detector (low-score faces included) on every
/// frame, and feeds the tracker and the visit book with the frame times; scores the tracks
/// against the ground truth. Tracks count from their first sighting once they are ever confirmed:
/// a visit starts there too (the tentative frames are part of it).</summary>
internal static class SyntheticRun
{
    public static SyntheticResult Run(SyntheticSequence sequence, IReadOnlyList<FaceCrop> faces, double fps, YuNetDetector detector, TrackingOptions tracking, VisitsOptions visits)
    {
        var tracker = new FaceTracker(tracking);
        var visitors = new VisitorTracking(tracking, visits);
        var epoch = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        var frames = new List<(IReadOnlyList<(int, FaceBox)> Truth, List<(int Id, FaceBox Box)> Tracked)>();
        var confirmed = new HashSet<int>();
        var published = 0;
        foreach (var frame in SyntheticScene.Render(sequence, faces, fps))
        {
            var time = epoch + TimeSpan.FromSeconds(frame.Time);
            var detections = detector.Detect(frame.Image);
            var tracked = tracker.Update(detections, time);
            foreach (var face in tracked.Faces.Where(f => f.Confirmed))
            {
                confirmed.Add(face.TrackId);
            }
            published += visitors.Analyse(detections, Uniform(detections.Count), time).Finished.Count;
            frames.Add(([.. frame.Truth.Select(t => (t.Identity, t.Box))], [.. tracked.Faces.Select(f => (f.TrackId, f.Detection.Box))]));
        }
        published += visitors.EndAll().Count;
        var scored = frames
            .Select(f => (f.Truth, (IReadOnlyList<(int, FaceBox)>)[.. f.Tracked.Where(t => confirmed.Contains(t.Id))]))
            .ToList();
        return new SyntheticResult(sequence.Name, fps, frames.Count, IdentityMetrics.Evaluate(scored), published, sequence.Visitors);
    }

    private static float[] Uniform(int faces)
    {
        var rows = new float[faces * EmotionLabels.Count];
        Array.Fill(rows, 1f / EmotionLabels.Count);
        return rows;
    }
}
