using EdgeEmotion.Daemon.Tracking;

namespace EdgeEmotion.Daemon.Tests.Tracking;

/// <summary>The body tracker's rules (<see cref="TrackRules.Bodies"/>) on the store aisle's boxes
/// as the person detector gives them at <c>People:Fps</c> 3 (bench <c>people-frames</c>, frames
/// 0-56): the woman in teal stands still; from frame 28 a newcomer in front of her hides her
/// lower part, her own box scores 0.31-0.35 and the newcomer's (0.46-0.60) overlaps her track by
/// IoU 0.3; from frame 36 she is not found at all until 56.</summary>
public class BodyTrackRulesTests
{
    private const double PeopleFps = 3;
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static DetectedFace Box(float x, float y, float w, float h, float score) =>
        new(new FaceBox(x, y, w, h), score, IsHighScore: score >= 0.4f);

    /// <summary>Frame number (12 frames/s) and the boxes near her: hers first where found.</summary>
    private static readonly (int Frame, DetectedFace[] Boxes)[] Aisle =
    [
        (0, [Box(343, 87, 72, 182, 0.62f)]),
        (4, [Box(341, 86, 72, 184, 0.69f)]),
        (8, [Box(336, 83, 67, 183, 0.62f)]),
        (12, [Box(335, 83, 61, 184, 0.70f)]),
        (16, [Box(335, 80, 62, 189, 0.67f)]),
        (20, [Box(339, 80, 58, 189, 0.65f)]),
        (24, [Box(339, 80, 55, 175, 0.49f)]),
        (28, [Box(342, 84, 61, 156, 0.33f), Box(335, 173, 106, 94, 0.46f)]),
        (32, [Box(344, 77, 61, 127, 0.31f), Box(335, 149, 104, 118, 0.60f)]),
        (36, [Box(338, 161, 92, 107, 0.42f)]),
        (40, [Box(326, 122, 91, 148, 0.59f)]),
        // Only her head, above the newcomer's shoulder.
        (44, [Box(345, 80, 31, 42, 0.43f), Box(313, 116, 91, 154, 0.61f)]),
        (48, [Box(280, 63, 116, 205, 0.55f)]),
        (52, [Box(303, 112, 88, 158, 0.63f)]),
        (56, [Box(330, 82, 70, 113, 0.35f), Box(304, 123, 87, 146, 0.57f)]),
    ];

    /// <summary>The scene through a tracker with <paramref name="rules"/> at the stage's rate: the
    /// tracks of each frame, by frame (12 frames/s, so frame n is at n/12 s).</summary>
    private static Dictionary<int, List<TrackedFace>> Play((int Frame, DetectedFace[] Boxes)[] scene, TrackRules rules)
    {
        var tracker = new FaceTracker(new TrackingOptions(), rules.ForRate(PeopleFps));
        var tracksAt = new Dictionary<int, List<TrackedFace>>();
        foreach (var (frame, boxes) in scene)
        {
            tracksAt[frame] = [.. tracker.Update(boxes, T0 + TimeSpan.FromSeconds(frame / 12.0)).Faces];
        }
        return tracksAt;
    }

    /// <summary>Her track's id at each frame she was found in (the first box), by frame.</summary>
    private static Dictionary<int, int?> HerTrack(TrackRules rules) =>
        Play(Aisle, rules).ToDictionary(f => f.Key, f => f.Value.Where(t => t.DetectionIndex == 0).Select(t => (int?)t.TrackId).FirstOrDefault());

    [Fact]
    public void A_person_hidden_behind_a_newcomer_keeps_her_track_until_she_is_found_again()
    {
        var hers = HerTrack(TrackRules.Bodies);
        var first = hers[0];
        Assert.NotNull(first);
        // Her own low-score boxes continue her track while the newcomer's box overlaps it ...
        Assert.Equal(first, hers[28]);
        Assert.Equal(first, hers[32]);
        // ... her head alone is not her body ...
        Assert.NotEqual(first, hers[44]);
        // ... and after 2 s unseen (6 runs) her box continues the same track.
        Assert.Equal(first, hers[56]);
    }

    /// <summary>The same scene with the stage started one frame later (frames 1, 5, ... 65): she is
    /// found in no box at frame 33, where the newcomer's first high-score box overlaps her track
    /// (seen at 29) by IoU 0.3; her low-score boxes from 57 are where she was last sighted, not
    /// where her track's prediction drifted. Hers first, the newcomer's second.</summary>
    private static readonly (int Frame, DetectedFace[] Boxes)[] AisleFromFrame1 =
    [
        (1, [Box(344, 87, 72, 183, 0.65f)]),
        (5, [Box(341, 86, 70, 184, 0.68f)]),
        (9, [Box(336, 83, 62, 183, 0.68f)]),
        (13, [Box(335, 82, 62, 185, 0.69f)]),
        (17, [Box(335, 81, 61, 188, 0.67f)]),
        (21, [Box(340, 81, 58, 187, 0.64f)]),
        (25, [Box(340, 81, 54, 168, 0.39f), Box(340, 180, 108, 88, 0.32f)]),
        (29, [Box(344, 78, 60, 148, 0.30f), Box(335, 178, 104, 89, 0.38f)]),
        (33, [Box(336, 141, 108, 127, 0.40f)]),
        (37, [Box(335, 126, 93, 142, 0.45f)]),
        (41, [Box(315, 121, 98, 149, 0.60f)]),
        (45, [Box(312, 116, 87, 154, 0.68f)]),
        (49, [Box(278, 56, 118, 211, 0.56f)]),
        (53, [Box(303, 119, 87, 151, 0.58f)]),
        (57, [Box(333, 81, 64, 128, 0.39f), Box(304, 135, 84, 133, 0.63f)]),
        (61, [Box(349, 82, 50, 159, 0.34f), Box(296, 134, 86, 135, 0.59f)]),
        (65, [Box(350, 85, 49, 179, 0.47f), Box(288, 108, 83, 162, 0.69f)]),
    ];

    [Fact]
    public void A_newcomer_whose_box_only_partly_overlaps_a_track_starts_her_own_and_the_hidden_one_is_found_where_last_seen()
    {
        var tracksAt = Play(AisleFromFrame1, TrackRules.Bodies);
        var hers = tracksAt[1].Single().TrackId;
        var newcomer = tracksAt[33].Single();
        Assert.NotEqual(hers, newcomer.TrackId);
        Assert.True(newcomer.Started);
        // Both followed to the end: hers by her low-score boxes from 57 on.
        Assert.Equal(hers, tracksAt[57].Single(f => f.DetectionIndex == 0).TrackId);
        Assert.Equal(hers, tracksAt[65].Single(f => f.DetectionIndex == 0).TrackId);
        Assert.Equal(newcomer.TrackId, tracksAt[65].Single(f => f.DetectionIndex == 1).TrackId);
    }

    [Fact]
    public void By_the_faces_rules_the_newcomer_takes_her_track()
    {
        // The defect the body rules mend: ByteTrack's first pass gives her track to the
        // newcomer's high-score box, and she is not followed from frame 28 on.
        var hers = HerTrack(TrackRules.Faces);
        Assert.NotEqual(hers[0], hers[28]);
        Assert.NotEqual(hers[0], hers[56]);
    }

    [Fact]
    public void A_track_unseen_keeps_its_size()
    {
        // Shrinking 60 px/s while seen (her box as the newcomer hides her legs); unseen for a
        // second, the prediction keeps the last size instead of shrinking on.
        var filter = new BoxKalmanFilter(new FaceBox(100, 100, 60, 180));
        for (var k = 1; k <= 6; k++)
        {
            filter.Predict(1 / PeopleFps);
            filter.Update(new FaceBox(100, 100, 60, 180 - (20 * k)));
        }
        var seen = filter.Box.Height;
        filter.KeepSize();
        filter.Predict(1.0);
        Assert.InRange(filter.Box.Height, seen - 1, seen + 1);
    }

    [Theory]
    [InlineData(3, 9.0 / 3)]
    [InlineData(1, 9.0)]
    [InlineData(30, 2)] // never sooner than Tracking:LostSeconds
    public void A_body_track_is_lost_after_nine_detection_periods(double fps, double seconds) =>
        Assert.Equal(seconds, TrackRules.Bodies.ForRate(fps).LostSeconds(new TrackingOptions().LostSeconds), 6);
}
