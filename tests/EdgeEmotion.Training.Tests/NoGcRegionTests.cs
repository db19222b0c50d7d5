using System.Runtime;
using static TorchSharp.torch;

namespace EdgeEmotion.Training.Tests;

/// <summary>TorchSharp's implicit Scalars can be freed by their finalizer while libtorch reads
/// them; training work therefore runs where no collection (and so no finalizer) can happen.</summary>
public class NoGcRegionTests
{
    [Fact]
    public void TorchSharp_work_with_implicit_scalars_runs_without_any_collection()
    {
        using var counter = zeros(1, dtype: int64);
        var (mode, collectionsDuringWork) = NoGcRegion.Run(() =>
        {
            // Counted inside the region: starting it may collect, and so may anything before it.
            var before = GC.CollectionCount(0);
            for (var i = 0; i < 20_000; i++)
            {
                counter.add_(1); // an implicit Scalar each time, as BatchNorm's batch counter does
            }
            return (GCSettings.LatencyMode, GC.CollectionCount(0) - before);
        });
        Assert.Equal(GCLatencyMode.NoGCRegion, mode);
        Assert.Equal(0, collectionsDuringWork);
        Assert.Equal(20_000, counter.item<long>());
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void Nested_and_over_budget_work_ends_cleanly()
    {
        var inner = NoGcRegion.Run(() => NoGcRegion.Run(() => GCSettings.LatencyMode));
        Assert.Equal(GCLatencyMode.NoGCRegion, inner);
        // Allocating past the budget ends the region early; Run must not throw for it.
        var length = NoGcRegion.Run(() => new byte[64 * 1024 * 1024].Length);
        Assert.Equal(64 * 1024 * 1024, length);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }
}
