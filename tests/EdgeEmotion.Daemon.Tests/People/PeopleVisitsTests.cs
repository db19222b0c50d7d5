using EdgeEmotion.Daemon.People;
using EdgeEmotion.Daemon.Tracking;

namespace EdgeEmotion.Daemon.Tests.People;

/// <summary>Visits as people on the real clips (people counted by eye in their README), in
/// process through the frame analyzer; the daemon's process and mosquitto are
/// <c>PeopleEndToEndTests</c>'.</summary>
public class PeopleVisitsTests
{
    /// <summary>With motion gating, frames the gate reuses still get the person stage at its rate
    /// (the shoppers barely move: before, the gate kept it from seeing the third one enter).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_store_aisle_is_three_visits_and_no_watcher(bool motionGating)
    {
        var result = PeopleClipPlayer.Play("store-aisle-detection", people: true, motionGating: motionGating);
        Assert.Equal(3, result.Visits.Count);
        Assert.All(result.Visits, v => Assert.False(v.Looked));
    }

    /// <summary>What the recall measure (<see cref="PeopleInView"/>) takes from the daemon: each
    /// visit lasts from its body track's first sighting to its last, runs where the track went
    /// unmatched included (the woman in teal, hidden behind the third shopper). The same detector
    /// and body tracker at the daemon's defaults from the clip's first frame give the measure's
    /// visits; the daemon's own visits (frame analyzer) must span them (a visit's end holds until
    /// the next run).</summary>
    [Fact]
    public void The_store_aisles_visits_last_from_first_to_last_sighting_through_runs_the_track_went_unseen()
    {
        const string Clip = "store-aisle-detection";
        var daemon = PeopleClipPlayer.Play(Clip, people: true);
        var people = new PeopleOptions();
        var tracking = new TrackingOptions();
        var step = (int)Math.Round(PeopleClipPlayer.ClipFps / people.Fps);
        using var detector = new NanoDetPersonDetector(PersonRecallTests.Model, (float)people.MinScore, (float)tracking.LowScoreThreshold);
        var tracker = new FaceTracker(tracking, TrackRules.Bodies.ForRate(people.Fps));
        var inView = new PeopleInView();
        var matched = new List<int>();
        var files = PeopleClipPlayer.FrameFiles(Clip);
        for (var i = 0; i < files.Count; i += step)
        {
            var run = tracker.Update(detector.Detect(ImageDecoder.ReadGray(files[i])), PeopleClipPlayer.PlayStart + TimeSpan.FromSeconds(i / PeopleClipPlayer.ClipFps));
            inView.Add(run);
            matched.Add(run.Faces.Count);
        }
        // Some run holds a person in view whose track no box matched there.
        Assert.Contains(inView.PerRun().Zip(matched), r => r.First > r.Second);
        TimeSpan At(int run) => TimeSpan.FromSeconds(run * step / PeopleClipPlayer.ClipFps);
        var measured = inView.Visits();
        var visits = daemon.Visits.OrderBy(v => v.Start).ThenBy(v => v.End).ToList();
        Assert.Equal(measured.Count, visits.Count);
        var period = TimeSpan.FromSeconds(1 / people.Fps);
        foreach (var ((first, last), visit) in measured.Zip(visits))
        {
            Assert.Equal(At(first), visit.Start - PeopleClipPlayer.PlayStart);
            // The daemon holds the last sighting's box on the frames up to the next run.
            Assert.InRange(visit.End - PeopleClipPlayer.PlayStart, At(last), At(last) + period);
        }
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

    /// <summary>People off: the frame analyzer's visits are, field for field and bit for bit, those
    /// of the face-track loop the daemon ran before the person stage (detector, classifier, then
    /// <see cref="Visits.VisitorTracking"/>, as <c>RealClipTests</c> still run it).</summary>
    [Theory]
    [InlineData("head-pose-face-detection-male")]
    [InlineData("head-pose-face-detection-female")]
    [InlineData("face-demographics-walking")]
    public void People_off_gives_the_face_track_visits_bit_for_bit(string clip)
    {
        var options = new VisitsOptions { MinDwellSeconds = 0.3 };
        var before = Tracking.RealClipTests.Play(clip, options).Visits;
        var off = PeopleClipPlayer.Play(clip, people: false, options).Visits;
        Assert.NotEmpty(before);
        Assert.Equal(before.Count, off.Count);
        for (var i = 0; i < before.Count; i++)
        {
            var (a, b) = (before[i], off[i]);
            Assert.Equal((a.TrackId, a.Start, a.End, a.AttentionSeconds, a.Frames, a.Looked), (b.TrackId, b.Start, b.End, b.AttentionSeconds, b.Frames, b.Looked));
            Assert.Equal(a.MeanProbabilities, b.MeanProbabilities);
            Assert.Equal(a.EmotionSeconds, b.EmotionSeconds);
            Assert.Equal(a.DwellSeconds, b.FaceSeconds); // a face track: its face-time is its dwell
        }
    }

    /// <summary>The smiling man with his face blurred away in frames 12-49 (3.2 s, longer than
    /// <c>Tracking:LostSeconds</c>): one visit as long as he is in view, with and without gating.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_face_lost_while_the_body_stays_keeps_one_visit(bool motionGating)
    {
        using var folder = new EdgeEmotion.Tests.TempDirectory();
        var frames = FaceLostClip.Write("head-pose-face-detection-male", folder.Path, 12, 49);
        var pictures = Directory.GetFiles(folder.Path).Order(StringComparer.Ordinal).Select(Core.Imaging.ImageDecoder.ReadGray).ToList();
        var result = PeopleClipPlayer.Play(pictures, people: true, motionGating: motionGating);
        var visit = Assert.Single(result.Visits);
        var inView = (frames - 1) / PeopleClipPlayer.ClipFps;
        Assert.True(Math.Abs(visit.DwellSeconds - inView) <= 0.15 * inView, $"dwell {visit.DwellSeconds:F2} s, in view {inView:F2} s");
    }
}
