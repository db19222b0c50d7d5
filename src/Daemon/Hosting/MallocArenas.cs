using System.Runtime.InteropServices;

namespace EdgeEmotion.Daemon.Hosting;

/// <summary>
/// glibc gives threads their own malloc arenas, up to eight per core, and keeps what each one
/// grew to. The daemon's threads come and go (thread pool, MQTT, OnnxRuntime), so resident memory
/// crept up by a new arena of 1-2 MB every few minutes in the soak benchmark. Native memory here
/// is mostly OnnxRuntime's own arena, so two malloc arenas cost nothing in speed. Set from inside
/// rather than with <c>MALLOC_ARENA_MAX</c> so that every way of starting the daemon gets it.
/// </summary>
public static partial class MallocArenas
{
    private const int ArenaMax = -8; // M_ARENA_MAX in glibc's malloc.h

    /// <summary>True when the C library took the limit (glibc); false elsewhere (musl, macOS).</summary>
    public static bool Limit(int arenas)
    {
        try
        {
            return MallOpt(ArenaMax, arenas) == 1;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);
}
