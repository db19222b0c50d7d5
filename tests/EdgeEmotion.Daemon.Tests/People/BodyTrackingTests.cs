using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.People;
using EdgeEmotion.Daemon.Tracking;

namespace EdgeEmotion.Daemon.Tests.People;

/// <summary>The face tracker, unchanged, as a second instance for bodies: it works on boxes and
/// scores alone. The store aisle's three shoppers (counted by eye; the third enters at frame 16
/// and is found in only part of her frames) must be three tracks.</summary>
public class BodyTrackingTests
{
    private const double ClipFps = 12;
    // Tracks start from boxes scoring 0.4 and go on with boxes from 0.3 (the tracker's second
    // pass): at the recall default of 0.35 boxes spanning two shoppers start tracks of their
    // own (bench `people` and the report of this change give the counts).
    private const float TrackStartScore = 0.4f;
    private const float TrackContinueScore = 0.3f;

    [Theory]
    [InlineData(4, 3)] // People:Fps 3 (every fourth frame), Tracking:MinHits as for faces
    [InlineData(1, 5)] // every frame: 5 sightings are 0.4 s at 12 frames/s
    public void The_store_aisle_is_three_tracks_and_no_more(int frameStep, int minHits)
    {
        var frames = PersonRecallTests.Frames().Where(f => f.Clip == "store-aisle-detection").ToList();
        using var detector = new NanoDetPersonDetector(PersonRecallTests.Model, TrackStartScore, TrackContinueScore);
        var tracker = new FaceTracker(new TrackingOptions { MinHits = minHits });
        var firstSeen = new Dictionary<int, int>();
        var confirmed = new HashSet<int>();
        for (var i = 0; i < frames.Count; i += frameStep)
        {
            var result = tracker.Update(detector.Detect(frames[i].Gray()), DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(i / ClipFps));
            foreach (var body in result.Faces)
            {
                firstSeen.TryAdd(body.TrackId, i);
                if (body.Confirmed)
                {
                    confirmed.Add(body.TrackId);
                }
            }
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"confirmed tracks (first frame): {string.Join(", ", confirmed.Select(t => $"#{t} ({firstSeen[t]})"))}");
        Assert.Equal(3, confirmed.Count);
        // The two shoppers there from the start and the one who enters later.
        Assert.Equal(2, confirmed.Count(t => firstSeen[t] == 0));
        Assert.Single(confirmed, t => firstSeen[t] >= frames.First(f => f.People == 3).Index);
    }
}
