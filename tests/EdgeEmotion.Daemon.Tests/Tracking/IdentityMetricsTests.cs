namespace EdgeEmotion.Daemon.Tests.Tracking;

public class IdentityMetricsTests
{
    private static readonly FaceBox A = new(0, 0, 10, 10);
    private static readonly FaceBox B = new(100, 0, 10, 10);

    [Fact]
    public void A_swap_halfway_costs_one_switch_and_half_the_identity_matches()
    {
        // Two people over four frames; the tracker swaps their ids after frame 2, and misses
        // person 2 in frame 4 while reporting a box where nobody is.
        var far = new FaceBox(300, 300, 10, 10);
        var frames = new List<(IReadOnlyList<(int, FaceBox)>, IReadOnlyList<(int, FaceBox)>)>
        {
            ([(1, A), (2, B)], [(7, A), (8, B)]),
            ([(1, A), (2, B)], [(7, A), (8, B)]),
            ([(1, A), (2, B)], [(8, A), (7, B)]),
            ([(1, A), (2, B)], [(8, A), (9, far)]),
        };
        var score = IdentityMetrics.Evaluate(frames);
        // Best pairing 1-7 and 2-8 (or 1-8, 2-7): each pair overlaps in 2 frames -> IDTP 4.
        Assert.Equal(8, score.TruthBoxes);
        Assert.Equal(8, score.TrackerBoxes);
        Assert.Equal(4, score.IdTruePositives);
        Assert.Equal(0.5, score.Idf1, 6);
        // Frame 3: both true ids change track (2 switches); frame 4: person 1 stays on 8.
        Assert.Equal(2, score.IdSwitches);
    }

    [Fact]
    public void Boxes_that_overlap_less_than_half_do_not_match()
    {
        var shifted = new FaceBox(5, 0, 10, 10); // IoU 1/3
        var frames = new List<(IReadOnlyList<(int, FaceBox)>, IReadOnlyList<(int, FaceBox)>)>
        {
            ([(1, A)], [(1, shifted)]),
            ([(1, A)], [(1, A)]),
        };
        var score = IdentityMetrics.Evaluate(frames);
        Assert.Equal(1, score.IdTruePositives);
        Assert.Equal(0.5, score.Idf1, 6);
        Assert.Equal(0, score.IdSwitches);
    }

    [Fact]
    public void A_perfect_tracker_scores_one()
    {
        var frames = Enumerable.Range(0, 5)
            .Select(i => ((IReadOnlyList<(int, FaceBox)>)[(1, A), (2, B)], (IReadOnlyList<(int, FaceBox)>)[(4, A), (5, B)]))
            .ToList();
        var score = IdentityMetrics.Evaluate(frames);
        Assert.Equal(1.0, score.Idf1);
        Assert.Equal(0, score.IdSwitches);
    }
}
