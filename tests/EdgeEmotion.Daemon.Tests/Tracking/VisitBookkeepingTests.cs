using EdgeEmotion.Daemon.Visits;

namespace EdgeEmotion.Daemon.Tests.Tracking;

/// <summary>Visit figures from hand-made sightings with known answers.</summary>
public class VisitBookkeepingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly int Happy = EmotionLabels.IndexOf("happy");
    private static readonly int Sad = EmotionLabels.IndexOf("sad");
    private static readonly int Surprise = EmotionLabels.IndexOf("surprise");

    [Fact]
    public void Mean_probabilities_weight_each_sighting_until_the_next()
    {
        var visitors = new VisitorTracking(new TrackingOptions(), new VisitsOptions());
        // Three happy sightings 0.2 s apart, then a 1.6 s gap, then three sad ones 0.1 s apart:
        // per frame it is a tie, per second happy held 2.0 s and sad 0.2 s.
        foreach (var (t, emotion) in new[] { (0.0, Happy), (0.2, Happy), (0.4, Happy), (2.0, Sad), (2.1, Sad), (2.2, Sad) })
        {
            Assert.Empty(visitors.Analyse([Face(100, 100)], OneHot(emotion), T0.AddSeconds(t)).Finished);
        }
        var visit = Assert.Single(visitors.Analyse([], [], T0.AddSeconds(4.3)).Finished);
        Assert.Equal(2.2, visit.DwellSeconds, 9);
        Assert.Equal(6, visit.Frames);
        Assert.Equal(2.0 / 2.2, visit.MeanProbabilities[Happy], 9);
        Assert.Equal(0.2 / 2.2, visit.MeanProbabilities[Sad], 9);
        Assert.Equal("happy", visit.EmotionName);
        Assert.Equal(T0, visit.Start);
        Assert.Equal(T0.AddSeconds(2.2), visit.End);
    }

    [Fact]
    public void A_visit_ends_only_after_LostSeconds_unseen()
    {
        var visitors = new VisitorTracking(new TrackingOptions { LostSeconds = 2 }, new VisitsOptions());
        for (var i = 0; i <= 15; i++)
        {
            visitors.Analyse([Face(100, 100)], OneHot(Happy), T0.AddSeconds(i * 0.1));
        }
        Assert.Empty(visitors.Analyse([], [], T0.AddSeconds(3.5)).Finished); // 2.0 s unseen: still open
        Assert.Equal(1, visitors.ActiveVisitors);
        Assert.Single(visitors.Analyse([], [], T0.AddSeconds(3.6)).Finished);
        Assert.Equal(0, visitors.ActiveVisitors);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.0)]
    public void Emotion_seconds_add_up_to_the_dwell_and_smoothing_removes_flicker(double smoothing)
    {
        var visitors = new VisitorTracking(new TrackingOptions(), new VisitsOptions { SmoothingSeconds = smoothing });
        const int Frames = 46; // 3 s at 15 frames/s
        for (var i = 0; i < Frames; i++)
        {
            // Every fifth frame flickers to surprise.
            visitors.Analyse([Face(100, 100)], OneHot(i % 5 == 4 ? Surprise : Happy), T0.AddSeconds(i / 15.0));
        }
        var visit = Assert.Single(visitors.EndAll());
        Assert.Equal(3.0, visit.DwellSeconds, 6);
        Assert.Equal(visit.DwellSeconds, visit.EmotionSeconds.Sum(), 6);
        if (smoothing > 0)
        {
            Assert.Equal(visit.DwellSeconds, visit.EmotionSeconds[Happy], 6);
        }
        else
        {
            // 9 flicker frames of 1/15 s each (the last frame's span is empty).
            Assert.Equal(9 / 15.0, visit.EmotionSeconds[Surprise], 6);
        }
    }

    [Fact]
    public void Attention_counts_the_time_the_head_faces_the_camera()
    {
        var visitors = new VisitorTracking(new TrackingOptions(), new VisitsOptions { AttentionYawDegrees = 30 });
        for (var i = 0; i <= 20; i++)
        {
            // Facing the camera for the first second, then turned (nose over an eye) for the next.
            var face = Face(100, 100, turned: i >= 10);
            visitors.Analyse([face], OneHot(Happy), T0.AddSeconds(i * 0.1));
        }
        var visit = Assert.Single(visitors.EndAll());
        Assert.Equal(2.0, visit.DwellSeconds, 6);
        Assert.Equal(1.0, visit.AttentionSeconds, 6);
    }

    [Fact]
    public void Faces_without_landmarks_always_count_as_looking()
    {
        var visitors = new VisitorTracking(new TrackingOptions(), new VisitsOptions());
        for (var i = 0; i <= 20; i++)
        {
            visitors.Analyse([new DetectedFace(new FaceBox(100, 100, 80, 80), 1f)], OneHot(Happy), T0.AddSeconds(i * 0.1));
        }
        var visit = Assert.Single(visitors.EndAll());
        Assert.Equal(visit.DwellSeconds, visit.AttentionSeconds, 9);
    }

    [Fact]
    public void Head_yaw_reads_front_turned_and_rolled_faces()
    {
        Assert.InRange(HeadYaw.Degrees(Face(100, 100).Landmarks)!.Value, -1, 1);
        Assert.True(Math.Abs(HeadYaw.Degrees(Face(100, 100, turned: true).Landmarks)!.Value) > 45);
        // A head rolled by 30 degrees but facing the camera: still about zero yaw.
        var rolled = Rotate(Face(100, 100).Landmarks!.Value, 30);
        Assert.InRange(HeadYaw.Degrees(rolled)!.Value, -1, 1);
        Assert.Null(HeadYaw.Degrees(null));
    }

    [Fact]
    public void Short_visits_are_counted_but_not_returned_and_tentative_tracks_leave_nothing()
    {
        var visitors = new VisitorTracking(new TrackingOptions { MinHits = 3 }, new VisitsOptions { MinDwellSeconds = 1 });
        // Person A: 0.8 s, confirmed. Person B (far away): two frames, never confirmed.
        for (var i = 0; i <= 8; i++)
        {
            var faces = i < 2 ? new[] { Face(100, 100), Face(400, 100) } : [Face(100, 100)];
            visitors.Analyse(faces, Rows(faces.Length, Happy), T0.AddSeconds(i * 0.1));
        }
        Assert.Empty(visitors.EndAll());
        Assert.Equal(1, visitors.VisitsTooShort);
        Assert.Equal(0, visitors.VisitsFinished);
    }

    [Fact]
    public void Reused_frames_are_sightings_of_the_same_faces_at_the_new_time()
    {
        var visitors = new VisitorTracking(new TrackingOptions { LostSeconds = 2 }, new VisitsOptions());
        for (var i = 0; i < 3; i++)
        {
            visitors.Analyse([Face(100, 100), Face(400, 100)], Rows(2, Happy), T0.AddSeconds(i * 0.1));
        }
        // The picture stays still for 5 s: the motion gate reuses the last result every 0.5 s.
        // Without the repeats both visits would end after 2 s.
        VisitFrame last = null!;
        for (var i = 1; i <= 10; i++)
        {
            last = visitors.Repeat(T0.AddSeconds(0.2 + (i * 0.5)));
            Assert.Empty(last.Finished);
        }
        Assert.Equal(2, last.Faces.Count);
        Assert.Equal(2, visitors.ActiveVisitors);
        var visits = visitors.EndAll();
        Assert.Equal(2, visits.Count);
        Assert.All(visits, v => Assert.Equal(5.2, v.DwellSeconds, 6));
        Assert.All(visits, v => Assert.Equal(13, v.Frames));
        Assert.Equal(2, visits.Select(v => v.TrackId).Distinct().Count());
    }

    [Fact]
    public void Shutdown_ends_every_open_visit_at_its_last_sighting()
    {
        var visitors = new VisitorTracking(new TrackingOptions(), new VisitsOptions());
        for (var i = 0; i <= 15; i++)
        {
            visitors.Analyse([Face(100, 100), Face(400, 100)], Rows(2, Sad), T0.AddSeconds(i * 0.1));
        }
        var visits = visitors.EndAll();
        Assert.Equal(2, visits.Count);
        Assert.All(visits, v => Assert.Equal(T0.AddSeconds(1.5), v.End));
        Assert.All(visits, v => Assert.Equal("sad", v.EmotionName));
        Assert.Empty(visitors.EndAll());
    }

    [Fact]
    public void A_window_counts_present_new_and_looking_visitors_and_their_seconds()
    {
        var visitors = new VisitorTracking(new TrackingOptions { MinHits = 3 }, new VisitsOptions());
        // Window 1: A (facing, happy) from 0 to 1 s; B (turned away, sad) from 0.5 s to 1 s.
        for (var i = 0; i <= 10; i++)
        {
            var faces = i >= 5 ? new[] { Face(100, 100), Face(400, 100, turned: true) } : [Face(100, 100)];
            var rows = i >= 5 ? [.. OneHot(Happy), .. OneHot(Sad)] : OneHot(Happy);
            visitors.Analyse(faces, rows, T0.AddSeconds(i * 0.1));
        }
        var first = visitors.Window.Close();
        Assert.Equal(2, first.Present);
        Assert.Equal(2, first.New);
        Assert.Equal(1, first.Looking);
        Assert.Equal(1, first.Emotions[Happy]);
        Assert.Equal(1, first.Emotions[Sad]);
        Assert.Equal(1.0 + 0.5, first.DwellSeconds, 6);
        Assert.Equal(1.0, first.AttentionSeconds, 6);
        // Window 2: only A, for another 0.5 s.
        for (var i = 11; i <= 15; i++)
        {
            visitors.Analyse([Face(100, 100)], OneHot(Happy), T0.AddSeconds(i * 0.1));
        }
        var second = visitors.Window.Close();
        Assert.Equal(1, second.Present);
        Assert.Equal(0, second.New);
        Assert.Equal(0.5, second.DwellSeconds, 6);
        Assert.Equal(second.Present, second.Emotions.Sum());
    }

    [Fact]
    public void Live_faces_name_the_track_box_emotion_and_attention_of_confirmed_visitors()
    {
        var visitors = new VisitorTracking(new TrackingOptions { MinHits = 3 }, new VisitsOptions());
        Assert.Empty(visitors.Analyse([Face(100, 100)], OneHot(Happy), T0).Faces); // tentative
        visitors.Analyse([Face(100, 100)], OneHot(Happy), T0.AddSeconds(0.1));
        var live = Assert.Single(visitors.Analyse([Face(102, 100)], OneHot(Happy), T0.AddSeconds(0.2)).Faces);
        Assert.Equal("happy", live.EmotionName);
        Assert.Equal(1.0, live.Probability, 6);
        Assert.True(live.Looking);
        Assert.Equal(102, live.Box.X);
    }

    [Fact]
    public void Probabilities_must_have_one_row_per_face()
    {
        var visitors = new VisitorTracking(new TrackingOptions(), new VisitsOptions());
        var ex = Assert.Throws<ArgumentException>(() => visitors.Analyse([Face(100, 100), Face(300, 100)], OneHot(Happy), T0));
        Assert.Contains("2 faces", ex.Message);
    }

    [Fact]
    public void Low_score_faces_continue_tracks_but_never_start_one()
    {
        var visitors = new VisitorTracking(new TrackingOptions { MinHits = 3 }, new VisitsOptions());
        // A low-score face alone for 2 s: no visitor.
        for (var i = 0; i <= 20; i++)
        {
            visitors.Analyse([Face(400, 100) with { Score = 0.4f, IsHighScore = false }], OneHot(Sad), T0.AddSeconds(i * 0.1));
        }
        Assert.Equal(0, visitors.ActiveVisitors);
        // A face that starts high-score, then scores low (head tilted) for 2 s: one visit throughout.
        for (var i = 0; i <= 20; i++)
        {
            var face = Face(100 + (i * 2), 100);
            visitors.Analyse([i == 0 ? face : face with { Score = 0.4f, IsHighScore = false }], OneHot(Happy), T0.AddSeconds(3 + (i * 0.1)));
        }
        var visit = Assert.Single(visitors.EndAll());
        Assert.Equal(2.0, visit.DwellSeconds, 6);
    }

    /// <summary>An 80-pixel face; facing the camera, or turned so the nose tip sits over the left eye.</summary>
    private static DetectedFace Face(float x, float y, bool turned = false)
    {
        var rightEye = new LandmarkPoint(x + 24, y + 30);
        var leftEye = new LandmarkPoint(x + 56, y + 30);
        var nose = new LandmarkPoint(turned ? x + 56 : x + 40, y + 48);
        var landmarks = new FaceLandmarks(rightEye, leftEye, nose, new LandmarkPoint(x + 28, y + 62), new LandmarkPoint(x + 52, y + 62));
        return new DetectedFace(new FaceBox(x, y, 80, 80), 0.9f, landmarks, IsHighScore: true);
    }

    private static FaceLandmarks Rotate(FaceLandmarks l, double degrees)
    {
        var a = degrees * Math.PI / 180;
        LandmarkPoint R(LandmarkPoint p) => new((float)((p.X * Math.Cos(a)) - (p.Y * Math.Sin(a))), (float)((p.X * Math.Sin(a)) + (p.Y * Math.Cos(a))));
        return new FaceLandmarks(R(l.RightEye), R(l.LeftEye), R(l.NoseTip), R(l.RightMouthCorner), R(l.LeftMouthCorner));
    }

    private static float[] OneHot(int emotion)
    {
        var row = new float[EmotionLabels.Count];
        row[emotion] = 1;
        return row;
    }

    private static float[] Rows(int faces, int emotion) => [.. Enumerable.Range(0, faces).SelectMany(_ => OneHot(emotion))];
}

public class VisitRoundingTests
{
    [Fact]
    public void Rounded_emotion_seconds_still_add_up_to_the_rounded_dwell()
    {
        var start = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        // Seven classes of 0.14 s: rounded one by one they would add up to 0.7, not 1.0.
        var visit = new Visit(1, start, start.AddSeconds(0.98), 0, 10, new double[7], [0.14, 0.14, 0.14, 0.14, 0.14, 0.14, 0.14]);
        var rounded = visit.EmotionSecondsRounded(1);
        Assert.Equal(1.0, rounded.Sum(), 9);
        Assert.All(rounded, r => Assert.InRange(r, 0.1, 0.2));
        Assert.Equal([0.3, 0, 0, 4.6, 0, 0.1, 0], new Visit(1, start, start.AddSeconds(5.0), 0, 10, new double[7], [0.26, 0, 0, 4.64, 0, 0.1, 0]).EmotionSecondsRounded(1));
    }
}
