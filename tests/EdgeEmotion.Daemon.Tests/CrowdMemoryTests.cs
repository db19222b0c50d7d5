using EdgeEmotion.Daemon.Tracking;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>
/// A crowd (154 faces per 1920x1440 frame) took the daemon to 137-171 MB against the 150 MB
/// target: the detector and the tracker allocated 0.6 and 0.45 MB per frame, the tracker's part
/// as large objects (its cost matrices), which only full collections free. The bounds here are
/// bytes this thread allocates per frame (counted, not timed), several times what the code needs
/// now and well under what it took; the memory itself is measured by <c>bench crowd</c>.
/// </summary>
public sealed class CrowdMemoryTests
{
    /// <summary>Below the large object heap's threshold (85,000 bytes).</summary>
    private const long TrackerBytesPerFrame = 85_000;
    private const long DetectorBytesPerFrame = 150_000;

    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Tracking_a_crowd_allocates_no_large_object_per_frame()
    {
        var tracker = new FaceTracker(new TrackingOptions());
        const int Faces = 154;
        IReadOnlyList<DetectedFace> Frame(int k) =>
            [.. Enumerable.Range(0, Faces).Select(i => new DetectedFace(new FaceBox((i % 14 * 137) + (k % 3), (i / 14 * 130) + (k % 2), 90, 90), 0.9f))];
        var frames = Enumerable.Range(0, 15).Select(Frame).ToArray();
        for (var k = 0; k < 5; k++)
        {
            tracker.Update(frames[k], T0.AddSeconds(k / 10.0));
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 5; k < frames.Length; k++)
        {
            Assert.Equal(Faces, tracker.Update(frames[k], T0.AddSeconds(k / 10.0)).Faces.Count);
        }
        var perFrame = (GC.GetAllocatedBytesForCurrentThread() - before) / (frames.Length - 5);
        Assert.True(perFrame < TrackerBytesPerFrame, $"{perFrame} bytes per frame");
    }

    [Fact]
    public void Detecting_a_crowd_allocates_little_per_frame()
    {
        using var scratch = new TempDirectory();
        var folder = CrowdFrames.Make(Path.Combine(RepoPaths.Shared, "data", "faces"), RepoPaths.Models, scratch.Combine("frames"), 14, 11);
        var frames = Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal).Select(ImageDecoder.ReadGray).ToArray();
        using var detector = new YuNetDetector(Path.Combine(RepoPaths.Models, "yunet-n-dynamic.onnx"), new DetectorOptions(), new TrackingOptions().LowScoreThreshold);
        detector.Detect(frames[0]);
        var before = GC.GetAllocatedBytesForCurrentThread();
        const int Runs = 4;
        for (var k = 0; k < Runs; k++)
        {
            Assert.True(detector.Detect(frames[k % frames.Length]).HighScore().Count >= 140);
        }
        var perFrame = (GC.GetAllocatedBytesForCurrentThread() - before) / Runs;
        Assert.True(perFrame < DetectorBytesPerFrame, $"{perFrame} bytes per frame");
    }
}
