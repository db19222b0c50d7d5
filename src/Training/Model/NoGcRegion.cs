using System.Runtime;

namespace EdgeEmotion.Training.Model;

/// <summary>
/// Runs TorchSharp work with garbage collection held off. TorchSharp 0.107 turns numbers into
/// <c>Scalar</c> objects implicitly (BatchNorm's batch counter, Adam's betas, every
/// <c>tensor * 0.5</c>) and hands their native handle to libtorch without keeping the Scalar
/// alive; a collection in that window lets its finalizer free the native scalar while libtorch
/// reads it. That was the "Unknown scalar type" failure seen in TrainerTests: with a thread
/// forcing collections, 92 of 300,000 <c>add_(1)</c> calls failed with garbage errors. (Upstream:
/// dotnet/TorchSharp pull request 1496, open.) With no collection, no finalizer can run.
/// </summary>
public static class NoGcRegion
{
    // A training step allocates a few thousand small wrapper objects; far below this.
    private const long Budget = 16L * 1024 * 1024;

    public static T Run<T>(Func<T> work)
    {
        var started = GCSettings.LatencyMode != GCLatencyMode.NoGCRegion && GC.TryStartNoGCRegion(Budget);
        try
        {
            return work();
        }
        finally
        {
            // Allocating past the budget ends the region early; then there is nothing to end.
            if (started && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
        }
    }
}
