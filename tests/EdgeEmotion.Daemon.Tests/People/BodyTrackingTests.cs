using EdgeEmotion.Daemon.People;
using EdgeEmotion.Daemon.Tracking;

namespace EdgeEmotion.Daemon.Tests.People;

/// <summary>The tracker with the body rules (<see cref="TrackRules.Bodies"/>) on the person
/// detector's boxes at the daemon's settings. The store aisle's three shoppers (counted by eye;
/// the third enters at frame 16 and hides the woman in teal from about frame 28) must be three
/// tracks, each followed from its first sighting to the clip's end: no one split while in view,
/// whichever frame the person stage starts on.</summary>
public class BodyTrackingTests
{
    private const double ClipFps = 12;
    private const int FrameStep = 4; // People:Fps 3 on the 12 frames/s clip

    // From frame 1 the woman in teal is found in no box in the run where the newcomer's first
    // high-score box appears (frame 33), and that box overlaps her track by IoU 0.3.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_store_aisle_is_three_tracks_each_followed_to_the_end(int firstFrame)
    {
        var frames = PersonRecallTests.Frames().Where(f => f.Clip == "store-aisle-detection").ToList();
        var options = new PeopleOptions();
        var tracking = new TrackingOptions();
        using var detector = new NanoDetPersonDetector(PersonRecallTests.Model, (float)options.MinScore, (float)tracking.LowScoreThreshold);
        var tracker = new FaceTracker(tracking, TrackRules.Bodies.ForRate(options.Fps));
        var sighted = new Dictionary<int, (int First, int Last)>();
        var lastBox = new Dictionary<int, FaceBox>();
        var confirmed = new HashSet<int>();
        var lastRun = firstFrame;
        for (var i = firstFrame; i < frames.Count; i += FrameStep)
        {
            lastRun = i;
            var result = tracker.Update(detector.Detect(frames[i].Gray()), DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(i / ClipFps));
            foreach (var body in result.Faces)
            {
                sighted[body.TrackId] = (sighted.TryGetValue(body.TrackId, out var s) ? s.First : i, i);
                lastBox[body.TrackId] = body.Detection.Box;
                if (body.Confirmed)
                {
                    confirmed.Add(body.TrackId);
                }
            }
        }
        var tracks = confirmed.Select(t => sighted[t]).OrderBy(s => s.First).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"confirmed tracks, first-last frame sighted: {string.Join(", ", tracks.Select(s => $"{s.First}-{s.Last}"))}");
        Assert.Equal(3, tracks.Count);
        // The two shoppers there from the start and the one who enters later ...
        Assert.Equal(2, tracks.Count(s => s.First == firstFrame));
        Assert.Single(tracks, s => s.First >= frames.First(f => f.People == 3).Index);
        // ... each sighted up to the last run: the hidden one's track was not handed to another.
        Assert.All(tracks, s => Assert.Equal(lastRun, s.Last));
        // ... and each ends on its shopper, found at a high score in the clip's last period (as
        // many such boxes in its last frame as people by eye), not on a shelf or a box spanning
        // two shoppers that the track slid onto while its shopper was hidden.
        Assert.Equal(frames[^1].People, detector.Detect(frames[^1].Gray()).Count(b => b.IsHighScore));
        var people = frames.Skip(frames.Count - FrameStep).SelectMany(f => detector.Detect(f.Gray())).Where(b => b.IsHighScore).Select(b => b.Box).ToList();
        Assert.All(confirmed, t => Assert.Contains(people, p => NonMaximumSuppression.IntersectionOverUnion(p, lastBox[t]) >= 0.5));
    }
}
