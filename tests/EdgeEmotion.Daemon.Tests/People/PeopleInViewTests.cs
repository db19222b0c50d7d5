using EdgeEmotion.Core.Preprocessing;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Tracking;

namespace EdgeEmotion.Daemon.Tests.People;

/// <summary>The recall measure's people in view (<see cref="PeopleInView"/>) counts who the
/// daemon's visits count: a confirmed track from its first to its last sighting.</summary>
public class PeopleInViewTests
{
    [Fact]
    public void A_confirmed_track_counts_through_runs_it_coasts_until_its_last_sighting_and_a_tentative_one_never()
    {
        var inView = new PeopleInView();
        // Track 1: sighted in runs 0-2 (confirmed at 2), unmatched in 3-4 (hidden), sighted in 5,
        // then unmatched in 6 (gone; it would coast to its end). Track 2: tentative in run 1 only.
        inView.Add(Run((1, false)));
        inView.Add(Run((1, false), (2, false)));
        inView.Add(Run((1, true)));
        inView.Add(Run());
        inView.Add(Run());
        inView.Add(Run((1, true)));
        inView.Add(Run());
        Assert.Equal([1, 1, 1, 1, 1, 1, 0], inView.PerRun());
        Assert.Equal([(0, 5)], inView.Visits());
    }

    private static TrackerFrame Run(params (int Track, bool Confirmed)[] bodies) =>
        new(DateTimeOffset.UnixEpoch, [.. bodies.Select((b, i) => new TrackedFace(b.Track, i, new DetectedFace(new FaceBox(0, 0, 10, 20), 0.5f), b.Confirmed, false))], []);
}
