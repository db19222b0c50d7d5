using System.Runtime.CompilerServices;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>Issue 29: what loading the models leaves on the large-object heap is collected before
/// the first frame, not kept until a full collection that may never come.</summary>
public sealed class StartupHeapReleaseTests
{
    [Fact]
    public void Large_object_garbage_left_by_loading_is_collected_by_a_compacting_full_collection()
    {
        var file = ReadLikeAModel();
        GC.Collect(0); // a young collection, as the pipeline brings: a large object survives it

        StartupHeapRelease.Run();

        Assert.False(file.IsAlive, "the model file's bytes are still on the heap");
        var last = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        Assert.Equal(GC.MaxGeneration, last.Generation);
        Assert.True(last.Compacted, "the full collection did not compact the heap");
    }

    /// <summary>A model file read whole and dropped, every page written as a read does.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ReadLikeAModel()
    {
        var bytes = new byte[4 << 20];
        for (var i = 0; i < bytes.Length; i += 4096)
        {
            bytes[i] = 1;
        }
        return new WeakReference(bytes);
    }
}
