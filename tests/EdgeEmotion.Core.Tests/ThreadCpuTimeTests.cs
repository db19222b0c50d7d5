using System.Diagnostics;
using EdgeEmotion.Core.Statistics;

namespace EdgeEmotion.Core.Tests;

/// <summary>The benchmark's CPU clock counts the thread's own work, not time it spends off the CPU.</summary>
public class ThreadCpuTimeTests
{
    [Fact]
    public void Work_advances_it_and_sleeping_does_not()
    {
        Assert.SkipUnless(ThreadCpuTime.IsAvailable, "CLOCK_THREAD_CPUTIME_ID is Linux's");
        var start = ThreadCpuTime.NowMs();
        Thread.Sleep(200);
        var slept = ThreadCpuTime.NowMs() - start;

        start = ThreadCpuTime.NowMs();
        var wall = Stopwatch.StartNew();
        var x = 0.0;
        while (ThreadCpuTime.NowMs() - start < 20)
        {
            x += Math.Sqrt(x + 1);
        }
        var worked = ThreadCpuTime.NowMs() - start;

        Assert.True(slept < 20, $"{slept:F1} ms of CPU while sleeping 200 ms");
        Assert.InRange(worked, 20, wall.Elapsed.TotalMilliseconds + 1);
        Assert.True(x > 0);
    }
}
