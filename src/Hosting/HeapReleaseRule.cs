namespace EdgeEmotion.Hosting;

/// <summary>
/// When generation 2 holds enough dead objects to be worth a full collection. Objects that live
/// longer than a young collection's period (one per 4 MB allocated, <c>build/GcBudget.props</c>)
/// are promoted and die in generation 2, whose budget the GC sizes from the live heap. The
/// daemon's tracks, visits and emotion histories live seconds to minutes: at its rate of promotion
/// the budget runs out only after about an hour, and until then the heap climbs from 15 to 20 MB
/// and the GC commits 7 MB more (30-minute soak, README "Memory over time"). The collector's
/// messages wait for their batch's commit: a fleet's backlog leaves tens of MB of them dead in
/// generation 2 (<c>bench/EdgeEmotion.CollectorBench ingest</c>).
/// </summary>
internal static class HeapReleaseRule
{
    /// <summary>How far the heap may grow beyond what the last full collection left. Small
    /// against the 12 MB the daemon keeps alive, large against one young collection's survivors
    /// (0.1-0.3 MB), so that a collection comes every several minutes, not every check.</summary>
    public const long SlackBytes = 2 << 20;

    /// <param name="heapBytes">The heap after the last collection of any kind.</param>
    /// <param name="afterLastFullBytes">The heap after the last full blocking collection; 0 if none yet.</param>
    public static bool IsDue(long heapBytes, long afterLastFullBytes) =>
        afterLastFullBytes > 0 && heapBytes - afterLastFullBytes > SlackBytes;
}
