using System.Globalization;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.People;
using EdgeEmotion.Daemon.Tests.People;
using EdgeEmotion.Daemon.Tracking;
using Spectre.Console;

namespace EdgeEmotion.Bench;

/// <summary>
/// One clip through the person detector and the body tracker at the daemon's settings, frame by
/// frame: on each frame the person stage runs (every fourth of a 12 frames/s clip at
/// <c>People:Fps</c> 3), the people counted by eye, each box (score, high or low, position) with
/// the body track it went to, and the tracks that ended. For finding why a person's track ends
/// while she is in view.
/// </summary>
public static class PeopleFramesDiagnostic
{
    private const double ClipFps = 12;

    public static void Run(string root, string clip, string? model, int? frameStep = null, int firstFrame = 0, bool colour = false)
    {
        var frames = ClipPeople.Load(Path.Combine(root, "tests", "EdgeEmotion.Daemon.Tests", "People", "clip-people.csv"),
            Path.Combine(root, "..", "shared", "data", "clips")).Where(f => f.Clip == clip).ToList();
        var people = new PeopleOptions();
        var tracking = new TrackingOptions();
        model ??= Path.Combine(root, people.Model);
        using var detector = new NanoDetPersonDetector(model, (float)people.MinScore, (float)tracking.LowScoreThreshold, expectedSha256: null);
        var tracker = new FaceTracker(tracking, TrackRules.Bodies.ForRate(people.Fps));
        var step = frameStep ?? (int)Math.Round(ClipFps / people.Fps);
        var table = new Table().Title(Markup.Escape($"{clip} at People:Fps {people.Fps} (every {step}th frame), {Path.GetFileName(model)}, MinScore {people.MinScore}, continue {tracking.LowScoreThreshold}, Tracking:LostSeconds {tracking.LostSeconds}, MinHits {tracking.MinHits}"))
            .AddColumns("frame", "by eye", "boxes: score (h: starts, l: continues) x,y w x h -> track", "ended tracks");
        for (var i = firstFrame; i < frames.Count; i += step)
        {
            var boxes = colour ? detector.Detect(frames[i].Colour()) : detector.Detect(frames[i].Gray());
            var result = tracker.Update(boxes, DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(i / ClipFps));
            var trackOf = result.Faces.ToDictionary(f => f.DetectionIndex, f => $"#{f.TrackId}{(f.Confirmed ? "" : "?")}");
            var cells = boxes.Select((b, d) => string.Create(CultureInfo.InvariantCulture,
                $"{b.Score:F2}{(b.IsHighScore ? "h" : "l")} {b.Box.X:F0},{b.Box.Y:F0} {b.Box.Width:F0}x{b.Box.Height:F0} -> {trackOf.GetValueOrDefault(d, "-")}"));
            table.AddRow($"{frames[i].Index}", $"{frames[i].People}", string.Join("; ", cells), string.Join(", ", result.Ended.Select(e => $"#{e.TrackId}")));
        }
        AnsiConsole.Write(table);
    }
}
