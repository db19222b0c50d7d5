using EdgeEmotion.Core.Preprocessing;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Tracking;

namespace EdgeEmotion.Daemon.Tests.Tracking;

/// <summary>IDF1 and its parts (Ristani et al. 2016), and ID switches (CLEAR MOT, Bernardin and
/// Stiefelhagen 2008), with a true box and a tracker box matching at IoU of at least 0.5.</summary>
public sealed record IdentityScore(int TruthBoxes, int TrackerBoxes, int IdTruePositives, int IdSwitches)
{
    public int IdFalseNegatives => TruthBoxes - IdTruePositives;

    public int IdFalsePositives => TrackerBoxes - IdTruePositives;

    public double Idf1 => TruthBoxes + TrackerBoxes == 0 ? 1 : 2.0 * IdTruePositives / (TruthBoxes + TrackerBoxes);
}

public static class IdentityMetrics
{
    public const double MinIou = 0.5;

    /// <summary>Scores a sequence: per frame, the true boxes and the tracker's (track id, box).</summary>
    public static IdentityScore Evaluate(IReadOnlyList<(IReadOnlyList<(int Id, FaceBox Box)> Truth, IReadOnlyList<(int Id, FaceBox Box)> Tracked)> frames)
    {
        var truthIds = frames.SelectMany(f => f.Truth.Select(b => b.Id)).Distinct().Order().ToList();
        var trackIds = frames.SelectMany(f => f.Tracked.Select(b => b.Id)).Distinct().Order().ToList();
        // IDF1: the one-to-one pairing of true identities with track ids that maximises the
        // frames in which the paired boxes overlap (IDTP); all other boxes are IDFN or IDFP.
        var overlap = new int[truthIds.Count, trackIds.Count];
        foreach (var (truth, tracked) in frames)
        {
            foreach (var t in truth)
            {
                foreach (var p in tracked)
                {
                    if (NonMaximumSuppression.IntersectionOverUnion(t.Box, p.Box) >= MinIou)
                    {
                        overlap[truthIds.IndexOf(t.Id), trackIds.IndexOf(p.Id)]++;
                    }
                }
            }
        }
        var cost = new double[truthIds.Count * trackIds.Count];
        for (var i = 0; i < truthIds.Count; i++)
        {
            for (var j = 0; j < trackIds.Count; j++)
            {
                cost[(i * trackIds.Count) + j] = -overlap[i, j];
            }
        }
        var pairing = MinimumCostAssignment.Solve(cost, truthIds.Count, trackIds.Count);
        var idtp = pairing.Select((j, i) => j < 0 ? 0 : overlap[i, j]).Sum();
        return new IdentityScore(
            frames.Sum(f => f.Truth.Count), frames.Sum(f => f.Tracked.Count), idtp, CountSwitches(frames));
    }

    /// <summary>CLEAR MOT: per frame, a true box keeps last frame's track if they still match;
    /// the rest are paired by IoU; a true identity matched to a different track than the last
    /// time it was matched is one ID switch.</summary>
    private static int CountSwitches(IReadOnlyList<(IReadOnlyList<(int Id, FaceBox Box)> Truth, IReadOnlyList<(int Id, FaceBox Box)> Tracked)> frames)
    {
        var lastTrack = new Dictionary<int, int>();
        var current = new Dictionary<int, int>();
        var switches = 0;
        foreach (var (truth, tracked) in frames)
        {
            var matched = new Dictionary<int, int>();
            var usedTracks = new HashSet<int>();
            foreach (var t in truth)
            {
                if (current.TryGetValue(t.Id, out var trackId) && !usedTracks.Contains(trackId)
                    && tracked.Any(p => p.Id == trackId && NonMaximumSuppression.IntersectionOverUnion(t.Box, p.Box) >= MinIou))
                {
                    matched[t.Id] = trackId;
                    usedTracks.Add(trackId);
                }
            }
            var openTruth = truth.Where(t => !matched.ContainsKey(t.Id)).ToList();
            var openTracks = tracked.Where(p => !usedTracks.Contains(p.Id)).ToList();
            var cost = new double[openTruth.Count * openTracks.Count];
            for (var i = 0; i < openTruth.Count; i++)
            {
                for (var j = 0; j < openTracks.Count; j++)
                {
                    var iou = NonMaximumSuppression.IntersectionOverUnion(openTruth[i].Box, openTracks[j].Box);
                    cost[(i * openTracks.Count) + j] = iou >= MinIou ? 1 - iou : double.PositiveInfinity;
                }
            }
            var pairing = MinimumCostAssignment.Solve(cost, openTruth.Count, openTracks.Count);
            for (var i = 0; i < pairing.Length; i++)
            {
                if (pairing[i] >= 0)
                {
                    matched[openTruth[i].Id] = openTracks[pairing[i]].Id;
                }
            }
            foreach (var (truthId, trackId) in matched)
            {
                if (lastTrack.TryGetValue(truthId, out var before) && before != trackId)
                {
                    switches++;
                }
                lastTrack[truthId] = trackId;
            }
            current = matched;
        }
        return switches;
    }
}
