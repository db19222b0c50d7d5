using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeEmotion.Hosting.Tests;

/// <summary>Issue 29: objects that die in generation 2 (tracks, visits) are collected once they
/// add up, not kept until the GC's own gen-2 budget runs out an hour later.</summary>
public sealed class HeapReleaseTests
{
    [Theory]
    [InlineData(20L << 20, 0L, false)] // no full collection yet: nothing to measure against
    [InlineData(14L << 20, 12L << 20, false)] // exactly the slack
    [InlineData((14L << 20) + 1, 12L << 20, true)]
    [InlineData(11L << 20, 12L << 20, false)] // smaller than after the last full collection
    public void A_release_is_due_when_the_heap_has_grown_beyond_the_slack(long heap, long afterLastFull, bool due) =>
        Assert.Equal(due, HeapReleaseRule.IsDue(heap, afterLastFull));

    [Fact]
    public void Objects_that_died_in_generation_2_are_collected_by_a_due_release()
    {
        var service = new HeapReleaseService(TimeProvider.System, NullLogger<HeapReleaseService>.Instance);
        // Other tests in this process may run a full collection between the steps, which leaves
        // nothing due: try again then (a full collection is counted), never more than a few times.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var fullCollections = GC.CollectionCount(GC.MaxGeneration);
            var dead = PromoteThenDrop();
            GC.Collect(0); // a young collection, as the pipeline brings: the heap still holds them

            var released = service.ReleaseIfDue();

            if (released)
            {
                Assert.False(dead.IsAlive, "the objects that died in generation 2 are still on the heap");
                return;
            }
            Assert.NotEqual(fullCollections, GC.CollectionCount(GC.MaxGeneration));
        }
        Assert.Fail("five attempts were each spoiled by another test's full collection");
    }

    [Fact]
    public void Nothing_is_collected_right_after_a_full_collection()
    {
        var service = new HeapReleaseService(TimeProvider.System, NullLogger<HeapReleaseService>.Instance);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

        Assert.False(service.ReleaseIfDue());
    }

    /// <summary>Visit-like objects (small, with arrays) worth three times the slack, promoted to
    /// generation 2 by two younger collections while alive, then dropped.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference PromoteThenDrop()
    {
        var visits = new List<double[]>();
        for (var bytes = 0L; bytes < 3 * HeapReleaseRule.SlackBytes; bytes += 7 * sizeof(double) + 24)
        {
            visits.Add(new double[7]);
        }
        GC.Collect(0);
        GC.Collect(1);
        return new WeakReference(visits);
    }
}
