using System.Diagnostics;

namespace EdgeEmotion.CollectorBench;

internal static class Percentile
{
    public const int Runs = 20;

    /// <summary>The 95th percentile in ms of 20 timed runs (after one untimed, which warms the caches).</summary>
    public static async Task<double> P95Async(Func<Task> query)
    {
        await query();
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await query();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[(int)Math.Ceiling(0.95 * times.Count) - 1];
    }
}
