using EdgeEmotion.Core.Preprocessing;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.People;
using EdgeEmotion.Daemon.Tests.People;
using EdgeEmotion.Daemon.Tracking;
using Spectre.Console;

namespace EdgeEmotion.Bench;

/// <summary>
/// Rules for tracking bodies, compared on the shared clips: the person detector at the daemon's
/// settings on every frame once, then the body tracker at <c>People:Fps</c> 3 (every fourth frame
/// of the 12 frames/s clips) from each of the four first frames, and at every frame. Per rule: the
/// confirmed tracks per clip and start (by eye: store aisle 3, walking pair 2, head-pose clips 1),
/// each track's first and last frame sighted, and the person-frames found (all four starts
/// together cover every frame once; scored by counts as <see cref="PersonFrameScore"/>) two ways:
/// the people the daemon holds in view at each run (<see cref="PeopleInView"/>: a confirmed track
/// from its first to its last sighting, as a visit's dwell), and the boxes the tracker matched or
/// started in the run (the measure before, which left out a hidden shopper whose track coasted and
/// counted tentative tracks never confirmed). Also tried: boxes touching the frame's edge (where
/// the third shopper enters, cut off) starting a track from a lower score.
/// </summary>
public static class BodyTrackRulesBenchmark
{
    private const double ClipFps = 12;
    private const int Step = 4;
    // A box within this many pixels of the frame's edge "touches" it (the edge-start rows).
    private const float EdgePixels = 4;

    public static void Run(string root, string? model = null)
    {
        List<ClipFrame> frames = [.. ClipPeople.Load(Path.Combine(root, "tests", "EdgeEmotion.Daemon.Tests", "People", "clip-people.csv"),
            Path.Combine(root, "..", "shared", "data", "clips"))];
        model ??= Path.Combine(root, new PeopleOptions().Model);
        var tracking = new TrackingOptions();
        var bodies = TrackRules.Bodies;
        // The body rules before the start frame mattered (frame 1): high-score boxes from IoU 0.2 or by
        // centre distance, tentative tracks taking low-score boxes, no recovery by last sighting.
        var earlier = bodies with { HighScoreMinIou = TrackRules.Faces.HighScoreMinIou, MatchByCentreDistance = true, TentativeTakesLowScore = true, RecoverByLastSighting = false };
        (string Name, TrackRules Rules)[] rules =
        [
            ("faces' rules (ByteTrack's two passes), lost 2 s", TrackRules.Faces),
            ("+ a clearly better low-score box wins (by 0.2), size kept while unseen, lost 9 periods (3 s): bodies' rules before", earlier),
            ("+ high-score boxes from IoU 0.45, by IoU alone", earlier with { HighScoreMinIou = bodies.HighScoreMinIou, MatchByCentreDistance = false }),
            ("+ tentative tracks take high-score boxes alone", earlier with { HighScoreMinIou = bodies.HighScoreMinIou, MatchByCentreDistance = false, TentativeTakesLowScore = false }),
            ("+ found again by the last sighting: bodies' rules", bodies),
            ("bodies' rules, high-score boxes from IoU 0.35", bodies with { HighScoreMinIou = 0.35 }),
            ("bodies' rules, high-score boxes from IoU 0.4", bodies with { HighScoreMinIou = 0.4 }),
            ("bodies' rules, high-score boxes from IoU 0.5", bodies with { HighScoreMinIou = 0.5 }),
            ("bodies' rules, high-score boxes from IoU 0.55", bodies with { HighScoreMinIou = 0.55 }),
            ("bodies' rules with centre distance", bodies with { MatchByCentreDistance = true }),
            ("bodies' rules, tentative tracks take low-score boxes", bodies with { TentativeTakesLowScore = true }),
            ("bodies' rules without the low-score rule", bodies with { LowScoreWinsBy = null }),
            ("bodies' rules without keeping the size", bodies with { KeepSizeWhileUnseen = false }),
            ("bodies' rules, lost 2 s", bodies with { LostPeriods = null }),
        ];
        var low = (float)tracking.LowScoreThreshold;
        foreach (var (start, keep, edgeStart) in new (float, float, float?)[] { (0.4f, low, null), (0.35f, low, null), (0.4f, 0.25f, null), (0.4f, 0.2f, null), (0.4f, low, 0.35f), (0.4f, low, low) })
        {
            using var detector = new NanoDetPersonDetector(model, start, keep, expectedSha256: null);
            var boxes = frames.Select(f => f.Gray()).Select(g => (IReadOnlyList<DetectedFace>)[.. detector.Detect(g).Select(b => edgeStart is { } e && b.Score >= e && TouchesEdge(b.Box, g.Width, g.Height) ? b with { IsHighScore = true } : b)]).ToList();
            var edge = edgeStart is { } es ? $", and from {es:F2} when the box touches the frame's edge (within {EdgePixels} px)" : "";
            var table = new Table().Title(Markup.Escape($"Body tracks on the shared clips ({Path.GetFileName(model)}), boxes from {start:F2} start a track{edge}, from {keep:F2} continue one; MinHits {tracking.MinHits}; each cell: confirmed tracks (first-last frame sighted; !: its last box is no one's, no high-score box of the clip's last {Step} frames overlaps it by IoU 0.5)"))
                .AddColumns("rules", "frames/s, first frame", "store aisle (3)", "walking pair (2)", "head-pose (1, 1)", "in view (the daemon's), all", "store aisle", "spurious", "boxes in the run, all", "store aisle");
            foreach (var (name, rule) in start == 0.4f && keep == low && edgeStart is null ? rules : rules.Where(r => r.Rules == bodies || r.Rules == earlier))
            {
                var all = new PersonFrameScore();
                var aisle = new PersonFrameScore();
                var allBoxes = new PersonFrameScore();
                var aisleBoxes = new PersonFrameScore();
                foreach (var (step, first) in new[] { (Step, 0), (Step, 1), (Step, 2), (Step, 3), (1, 0) })
                {
                    var cells = new Dictionary<string, string>();
                    foreach (var clip in frames.GroupBy(f => f.Clip))
                    {
                        var indices = clip.Select(f => frames.IndexOf(f)).ToList();
                        var tracker = new FaceTracker(tracking, rule.ForRate(ClipFps / step));
                        var sightings = new Dictionary<int, (int First, int Last, bool Confirmed)>();
                        var lastBox = new Dictionary<int, FaceBox>();
                        var inView = new PeopleInView();
                        var runs = new List<(int People, int Boxes)>();
                        for (var k = first; k < indices.Count; k += step)
                        {
                            var frame = frames[indices[k]];
                            var result = tracker.Update(boxes[indices[k]], DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(frame.Index / ClipFps));
                            foreach (var body in result.Faces)
                            {
                                var (f0, _, c) = sightings.GetValueOrDefault(body.TrackId, (frame.Index, frame.Index, false));
                                sightings[body.TrackId] = (f0, frame.Index, c || body.Confirmed);
                                lastBox[body.TrackId] = body.Detection.Box;
                            }
                            inView.Add(result);
                            runs.Add((frame.People, result.Faces.Count));
                        }
                        if (step == Step)
                        {
                            foreach (var ((people, matched), held) in runs.Zip(inView.PerRun()))
                            {
                                all.Add(people, held);
                                allBoxes.Add(people, matched);
                                if (clip.Key == "store-aisle-detection")
                                {
                                    aisle.Add(people, held);
                                    aisleBoxes.Add(people, matched);
                                }
                            }
                        }
                        var endBoxes = indices.TakeLast(Step).SelectMany(i => boxes[i]).Where(b => b.IsHighScore).ToList();
                        var confirmed = sightings.Where(s => s.Value.Confirmed).OrderBy(s => s.Value.First)
                            .Select(s => (s.Value.First, s.Value.Last, OnPerson: endBoxes.Any(b => NonMaximumSuppression.IntersectionOverUnion(b.Box, lastBox[s.Key]) >= 0.5))).ToList();
                        var group = clip.Key.StartsWith("head-pose", StringComparison.Ordinal) ? "head-pose" : clip.Key;
                        var cell = $"{confirmed.Count} ({string.Join(", ", confirmed.Select(s => $"{s.First}-{s.Last}{(s.OnPerson ? "" : "!")}"))})";
                        cells[group] = cells.TryGetValue(group, out var before) ? $"{before}; {cell}" : cell;
                    }
                    var last = step == Step && first == Step - 1;
                    table.AddRow(first == 0 && step == Step ? name : "", $"{ClipFps / step:F0}, {first}", cells["store-aisle-detection"], cells["face-demographics-walking"], cells["head-pose"],
                        last ? $"{all.Recall:F3} ({all.Found}/{all.PersonFrames})" : "",
                        last ? $"{aisle.Recall:F3} ({aisle.Found}/{aisle.PersonFrames})" : "",
                        last ? $"{all.Spurious}" : "",
                        last ? $"{allBoxes.Recall:F3} ({allBoxes.Found}/{allBoxes.PersonFrames}, +{allBoxes.Spurious})" : "",
                        last ? $"{aisleBoxes.Recall:F3} ({aisleBoxes.Found}/{aisleBoxes.PersonFrames})" : "");
                }
            }
            AnsiConsole.Write(table);
        }
    }

    private static bool TouchesEdge(FaceBox box, int width, int height) =>
        box.X <= EdgePixels || box.Y <= EdgePixels || box.X + box.Width >= width - EdgePixels || box.Y + box.Height >= height - EdgePixels;
}
