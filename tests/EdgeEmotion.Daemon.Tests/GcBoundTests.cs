using System.Text.Json;
using EdgeEmotion.Daemon.Diagnostics;
using EdgeEmotion.Daemon.Publishing;
using Microsoft.Extensions.Time.Testing;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>Memory that does not follow the CPU's cache (issue 29): the daemon's runtimeconfig bounds
/// generation 0's budget, and stats say how much of the memory is the managed heap.</summary>
public sealed class GcBoundTests
{
    private const string Bound = "System.GC.Gen0MaxBudget";

    /// <summary>The runtimeconfig the build writes beside the daemon, the one publish ships (a
    /// project edit that drops the import of build/GcBudget.props loses it silently).</summary>
    [Fact]
    public void The_daemons_runtimeconfig_bounds_the_generation_0_budget()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "edgeemotion-daemon.runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.True(properties.TryGetProperty(Bound, out var budget),
            $"{file} has no {Bound}: without it generation 0 grows with the CPU's L3 cache (import build/GcBudget.props in the daemon's project)");
        Assert.True(budget.ValueKind == JsonValueKind.Number && budget.GetInt64() > 0, $"{Bound} must be a number of bytes above 0, not {budget}");
    }

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
