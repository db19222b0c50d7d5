using EdgeEmotion.Daemon.Diagnostics;
using EdgeEmotion.Daemon.Publishing.Payloads;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>Memory that does not follow the CPU's cache (issue 29): the daemon's runtimeconfig bounds
/// generation 0's budget, and stats say how much of the memory is the managed heap.</summary>
public sealed class GcBoundTests
{
    /// <summary>The runtimeconfig the build writes beside the daemon, the one publish ships.</summary>
    [Fact]
    public void The_daemons_runtimeconfig_bounds_the_generation_0_budget() => GcBudgetAssert.Bounded("edgeemotion-daemon");

    [Fact]
    public void Stats_report_the_managed_heap_and_what_the_GC_committed_at_its_last_collection()
    {
        var clock = new FakeTimeProvider();
        var stats = PipelineStatsClockTests.On(clock);
        GC.Collect(); // the figures are the last collection's: there is one
        var snapshot = stats.Snapshot(new OutboxHealth(0, 0, 0, 0, 0, 0, 0, 0, 0), clock.GetUtcNow());

        // Megabytes, and in the order memory nests: heap within committed within resident.
        Assert.InRange(snapshot.ManagedHeapMb, double.Epsilon, snapshot.GcCommittedMb);
        Assert.InRange(snapshot.GcCommittedMb, snapshot.ManagedHeapMb, snapshot.ResidentMemoryMb);

        var json = JsonDocument.Parse(MqttPayloads.Stats(snapshot, "kiosk")).RootElement;
        Assert.Equal(Math.Round(snapshot.ManagedHeapMb, 1), json.GetProperty("managed_heap_mb").GetDouble());
        Assert.Equal(Math.Round(snapshot.GcCommittedMb, 1), json.GetProperty("gc_committed_mb").GetDouble());
    }
}
