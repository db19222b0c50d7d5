using System.Runtime.InteropServices;

namespace EdgeEmotion.Core.Statistics;

/// <summary>
/// CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>). On a shared machine a
/// wall-clock timing also counts the time slices other programs got; the thread's CPU time
/// counts only its own work, which for OnnxRuntime with one intra-op thread (it then runs every
/// kernel on the caller's thread) is the model's cost. .NET has no API for it (ProcessThread's
/// TotalProcessorTime ticks in 10 ms jiffies), hence libc.
/// </summary>
public static partial class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Whether this OS gives it (Linux); elsewhere <see cref="NowMs"/> is NaN.</summary>
    public static bool IsAvailable { get; } = OperatingSystem.IsLinux();

    public static double NowMs()
    {
        if (!IsAvailable || ClockGetTime(ClockThreadCpuTimeId, out var t) != 0)
        {
            return double.NaN;
        }
        return (t.Seconds * 1000.0) + (t.Nanoseconds / 1e6);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
