using EdgeEmotion.Daemon.Options;

namespace EdgeEmotion.Daemon.Tests.People;

/// <summary>Visits as people on the real clips (people counted by eye in their README), in
/// process through the frame analyzer; the daemon's process and mosquitto are
/// <c>PeopleEndToEndTests</c>'.</summary>
public class PeopleVisitsTests
{
    [Fact]
    public void The_store_aisle_is_three_visits_and_no_watcher()
    {
        var result = PeopleClipPlayer.Play("store-aisle-detection", people: true);
        Assert.Equal(3, result.Visits.Count);
        Assert.All(result.Visits, v => Assert.False(v.Looked));
    }

    [Fact]
    public void The_walking_pair_is_two_visits_whose_dwell_covers_their_walk()
    {
        var result = PeopleClipPlayer.Play("face-demographics-walking", people: true);
        Assert.Equal(2, result.Visits.Count);
        // Their faces are big enough for YuNet in the last second only (the clips' README): by face
        // the visits would be that second; by body they cover most of the walk (the woman is
        // hidden behind the man at its start).
        var walk = (result.Frames - 1) / PeopleClipPlayer.ClipFps;
        Assert.All(result.Visits, v => Assert.True(v.DwellSeconds >= 0.75 * walk && v.DwellSeconds > 2 * v.FaceSeconds,
            $"dwell {v.DwellSeconds:F2} s, face {v.FaceSeconds:F2} s, of a {walk:F2} s walk"));
    }

    [Theory]
    [InlineData("head-pose-face-detection-male")]
    [InlineData("head-pose-face-detection-female")]
    public void The_face_clips_keep_their_visit_counts_and_emotions(string clip)
    {
        var off = PeopleClipPlayer.Play(clip, people: false);
        var on = PeopleClipPlayer.Play(clip, people: true);
        Assert.Equal(off.Visits.Count, on.Visits.Count);
        Assert.Equal(off.Visits.Select(v => v.EmotionName), on.Visits.Select(v => v.EmotionName));
    }
}
