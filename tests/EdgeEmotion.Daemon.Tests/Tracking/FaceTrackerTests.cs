using EdgeEmotion.Daemon.Tracking;

namespace EdgeEmotion.Daemon.Tests.Tracking;

/// <summary>The tracker and its filter on hand-made boxes.</summary>
public class FaceTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_filter_learns_a_steady_walk_and_predicts_ahead()
    {
        // 60 px/s to the right, 10 frames/s, a 70-pixel face.
        var filter = new BoxKalmanFilter(new FaceBox(100, 100, 70, 70));
        for (var k = 1; k <= 20; k++)
        {
            filter.Predict(0.1);
            filter.Update(new FaceBox(100 + (6 * k), 100, 70, 70));
        }
        Assert.InRange(filter.CentreVelocity.X, 55, 65);
        Assert.InRange(filter.CentreVelocity.Y, -5, 5);
        filter.Predict(1.0);
        Assert.InRange(filter.Box.X, 220 + 60 - 8, 220 + 60 + 8);
        Assert.InRange(filter.Box.Width, 65, 75);
    }

    [Fact]
    public void Ids_are_kept_while_faces_move_and_new_faces_get_new_ids()
    {
        var tracker = new FaceTracker(new TrackingOptions { MinHits = 3 });
        var first = tracker.Update([Face(100, 100), Face(400, 100)], T0);
        Assert.All(first.Faces, f => Assert.True(f.Started));
        var ids = first.Faces.Select(f => f.TrackId).ToArray();
        Assert.Equal(2, ids.Distinct().Count());
        var frame = first;
        for (var k = 1; k <= 5; k++)
        {
            // Given in the other order: ids follow the boxes, not the list positions.
            frame = tracker.Update([Face(400 - (5 * k), 100), Face(100 + (5 * k), 100)], T0.AddSeconds(k * 0.1));
        }
        Assert.Equal(ids[1], frame.Faces.Single(f => f.DetectionIndex == 0).TrackId);
        Assert.Equal(ids[0], frame.Faces.Single(f => f.DetectionIndex == 1).TrackId);
        Assert.All(frame.Faces, f => Assert.True(f.Confirmed));
        Assert.Equal(2, tracker.ConfirmedTracks);
        var third = tracker.Update([Face(100 + 30, 100), Face(400 - 30, 100), Face(250, 300)], T0.AddSeconds(0.6));
        var newcomer = third.Faces.Single(f => f.DetectionIndex == 2);
        Assert.True(newcomer.Started);
        Assert.False(newcomer.Confirmed);
        Assert.DoesNotContain(newcomer.TrackId, ids);
    }

    [Fact]
    public void A_face_that_moves_further_than_its_box_per_frame_keeps_its_track()
    {
        // Someone hurrying past and up at 5 frames/s: 0.8 face sizes sideways per frame and 15 %
        // larger every frame, so consecutive boxes overlap by IoU 0.1 or less before the filter
        // knows the speed: the centre-distance rule matches them.
        var tracker = new FaceTracker(new TrackingOptions());
        var ids = new HashSet<int>();
        var x = 50.0;
        var size = 50.0;
        for (var k = 0; k <= 8; k++)
        {
            var frame = tracker.Update([new DetectedFace(new FaceBox((float)x, 150, (float)size, (float)size), 0.9f)], T0.AddSeconds(k * 0.2));
            ids.Add(Assert.Single(frame.Faces).TrackId);
            x += 0.8 * size;
            size *= 1.15;
        }
        Assert.Single(ids);
    }

    [Fact]
    public void A_tentative_track_ends_at_its_first_miss_and_a_confirmed_one_after_LostSeconds()
    {
        var tracker = new FaceTracker(new TrackingOptions { MinHits = 3, LostSeconds = 1 });
        tracker.Update([Face(100, 100), Face(400, 100)], T0);
        tracker.Update([Face(100, 100), Face(400, 100)], T0.AddSeconds(0.1));
        tracker.Update([Face(100, 100), Face(400, 100)], T0.AddSeconds(0.2)); // both confirmed
        var blip = tracker.Update([Face(100, 100), Face(400, 100), Face(250, 300)], T0.AddSeconds(0.3));
        var blipId = blip.Faces.Single(f => f.DetectionIndex == 2).TrackId;
        var next = tracker.Update([Face(100, 100)], T0.AddSeconds(0.4));
        var ended = Assert.Single(next.Ended);
        Assert.Equal(blipId, ended.TrackId);
        Assert.False(ended.WasConfirmed);
        Assert.Empty(tracker.Update([Face(100, 100)], T0.AddSeconds(1.3)).Ended); // 1.0 s unseen
        var lost = Assert.Single(tracker.Update([Face(100, 100)], T0.AddSeconds(1.4)).Ended);
        Assert.True(lost.WasConfirmed);
        Assert.Equal(T0.AddSeconds(0.3), lost.LastSeen);
    }

    [Fact]
    public void A_frame_time_far_behind_the_last_ends_every_track()
    {
        var tracker = new FaceTracker(new TrackingOptions { LostSeconds = 2 });
        for (var k = 0; k < 5; k++)
        {
            tracker.Update([Face(100, 100)], T0.AddSeconds(k * 0.1));
        }
        // A small step back is jitter: the track goes on.
        var jitter = tracker.Update([Face(100, 100)], T0.AddSeconds(0.3));
        Assert.Empty(jitter.Ended);
        // The clock stepped back an hour: the old track ends, the face starts a new one.
        var stepped = tracker.Update([Face(100, 100)], T0.AddHours(-1));
        Assert.Single(stepped.Ended);
        Assert.True(Assert.Single(stepped.Faces).Started);
    }

    private static DetectedFace Face(float x, float y) => new(new FaceBox(x, y, 80, 80), 0.9f);
}
