using EdgeEmotion.Daemon.People;
using EdgeEmotion.Daemon.Tracking;

namespace EdgeEmotion.Daemon.Tests.People;

/// <summary>Person recall on the shared clips' frames as the daemon sees them (gray), against the
/// people counted by eye in each frame (clip-people.csv): the daemon's people in view at its
/// defaults, and the person detector alone.</summary>
public class PersonRecallTests
{
    // The target: at least 0.9 of person-frames found at the default settings.
    private const double MinRecall = 0.9;
    // Spurious boxes (more boxes than people in a frame) at most one frame in ten.
    private const double MaxSpuriousPerFrame = 0.1;
    // The detector alone below the daemon's People:MinScore (0.4), where it finds the most people
    // for few spurious boxes (bench `people`); the daemon starts tracks at 0.4 because at 0.35
    // boxes spanning two shoppers start tracks of their own, and its target is the fact below.
    private const float DetectorAloneScore = 0.35f;
    private const double ClipFps = 12;

    /// <summary>The daemon at its defaults (People:MinScore starts a person, Tracking:LowScoreThreshold
    /// continues one, the body rules at People:Fps): the people it holds in view at each run
    /// (<see cref="PeopleInView"/>: a confirmed track from its first to its last sighting, as a
    /// visit's dwell) over all clips and over the store aisle alone, from each frame the stage can
    /// start on (every frame once).</summary>
    [Fact]
    public void At_the_daemons_defaults_nine_in_ten_person_frames_are_in_view_on_every_clip_and_the_store_aisle()
    {
        var frames = Frames();
        var people = new PeopleOptions();
        var tracking = new TrackingOptions();
        using var detector = new NanoDetPersonDetector(Path.Combine(RepoPaths.Root, people.Model), (float)people.MinScore, (float)tracking.LowScoreThreshold);
        var boxes = frames.Select(f => detector.Detect(f.Gray())).ToList();
        var step = (int)Math.Round(ClipFps / people.Fps);
        var all = new PersonFrameScore();
        var aisle = new PersonFrameScore();
        for (var first = 0; first < step; first++)
        {
            foreach (var clip in frames.Select((f, i) => (Frame: f, Index: i)).GroupBy(f => f.Frame.Clip))
            {
                var runs = clip.Skip(first).Where((_, k) => k % step == 0).ToList();
                var tracker = new FaceTracker(tracking, TrackRules.Bodies.ForRate(people.Fps));
                var inView = new PeopleInView();
                foreach (var (frame, index) in runs)
                {
                    inView.Add(tracker.Update(boxes[index], DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(frame.Index / ClipFps)));
                }
                foreach (var (run, count) in runs.Zip(inView.PerRun()))
                {
                    all.Add(run.Frame.People, count);
                    if (clip.Key == "store-aisle-detection")
                    {
                        aisle.Add(run.Frame.People, count);
                    }
                }
            }
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"in view: all clips {all.Found}/{all.PersonFrames} ({all.Recall:F3}), {all.Spurious} spurious; store aisle {aisle.Found}/{aisle.PersonFrames} ({aisle.Recall:F3})");
        Assert.True(all.Recall >= MinRecall, $"all clips: {all.Recall:F3} ({all.Found}/{all.PersonFrames})");
        Assert.True(aisle.Recall >= MinRecall, $"store aisle: {aisle.Recall:F3} ({aisle.Found}/{aisle.PersonFrames})");
        Assert.True(all.Spurious <= MaxSpuriousPerFrame * frames.Count, $"{all.Spurious} spurious in {frames.Count} frames");
    }

    internal static IReadOnlyList<ClipFrame> Frames() =>
        ClipPeople.Load(Path.Combine(RepoPaths.Root, "tests", "EdgeEmotion.Daemon.Tests", "People", "clip-people.csv"), Path.Combine(RepoPaths.Shared, "data", "clips"));

    internal static string Model => Path.Combine(RepoPaths.Models, "nanodet-m-416.onnx");

    internal static string Int8Model => Path.Combine(RepoPaths.Models, "nanodet-m-416-int8.onnx");

    /// <summary>The detector alone at <see cref="DetectorAloneScore"/>, the float model and the
    /// shipped int8 one (in the form the CPU's rule picks).</summary>
    [Theory]
    [InlineData("nanodet-m-416.onnx")]
    [InlineData("nanodet-m-416-int8.onnx")]
    public void The_detector_alone_finds_nine_in_ten_person_frames_with_few_spurious_boxes(string model)
    {
        var frames = Frames();
        using var detector = new NanoDetPersonDetector(Path.Combine(RepoPaths.Models, model), DetectorAloneScore);
        var score = new PersonFrameScore();
        var aisle = new PersonFrameScore();
        foreach (var frame in frames)
        {
            var boxes = detector.Detect(frame.Gray());
            score.Add(frame.People, boxes);
            if (frame.Clip == "store-aisle-detection")
            {
                aisle.Add(frame.People, boxes);
            }
        }
        // The store aisle alone (shoppers from behind, one cut off by the frame's edge) is the
        // hard part and is printed; the target is over all the clips' person-frames.
        TestContext.Current.TestOutputHelper?.WriteLine($"all clips: {score.Found}/{score.PersonFrames} person-frames ({score.Recall:F3}), {score.Spurious} spurious; store aisle {aisle.Found}/{aisle.PersonFrames} ({aisle.Recall:F3}), {aisle.Spurious} spurious");
        Assert.True(score.Recall >= MinRecall, $"recall {score.Recall:F3} ({score.Found}/{score.PersonFrames})");
        Assert.True(score.Spurious <= MaxSpuriousPerFrame * frames.Count, $"{score.Spurious} spurious boxes in {frames.Count} frames");
    }

    [Fact]
    public void The_ground_truth_covers_every_frame_of_the_clips_once()
    {
        var frames = Frames();
        foreach (var clip in frames.GroupBy(f => f.Clip))
        {
            var files = Directory.GetFiles(Path.Combine(RepoPaths.Shared, "data", "clips", clip.Key), "*.jpg").Order(StringComparer.Ordinal);
            Assert.Equal(files, clip.Select(f => f.File).Order(StringComparer.Ordinal));
        }
        Assert.Equal(4, frames.Select(f => f.Clip).Distinct().Count());
    }
}
