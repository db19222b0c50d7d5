using System.Globalization;

namespace EdgeEmotion.CollectorBench;

/// <summary>The built collector (beside the benchmark) as its own process, subscribed to the
/// bench's broker, with the CPU time it used (user and system, from /proc).</summary>
internal sealed class CollectorProcess : IDisposable
{
    private readonly ChildProcess _process;

    private CollectorProcess(ChildProcess process) => _process = process;

    public static async Task<CollectorProcess> StartAsync(int brokerPort, BenchStore store, int httpPort = 0)
    {
        var process = ChildProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "edgeemotion-collector.dll"),
            httpPort == 0 ? "--Http:Urls=" : $"--Http:Urls=http://127.0.0.1:{httpPort}", "--Mqtt:Host=127.0.0.1",
            $"--Mqtt:Port={brokerPort}", "--Mqtt:TopicPrefix=bench", "--Collector:ClientId=bench-collector", .. store.CollectorArgs]);
        await Wait.Until(() => process.Output.Contains("subscribed", StringComparison.Ordinal) || process.HasExited, "the collector subscribed",
            TimeSpan.FromMinutes(5), () => process.Output);
        if (process.HasExited)
        {
            throw new InvalidOperationException("the collector stopped: " + process.Output);
        }
        return new CollectorProcess(process);
    }

    public string Output => _process.Output;

    /// <summary>User and system CPU seconds so far (clock ticks of /proc/pid/stat, 100 a second on Linux).</summary>
    public double CpuSeconds
    {
        get
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the command's ")": state is field 3, so utime (14) and stime (15) are 11 and 12 here.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
    }

    /// <summary>A clean stop (SIGTERM): the broker keeps its session and queues for it.</summary>
    public void Stop()
    {
        _process.Signal("TERM");
        if (!_process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            throw new TimeoutException("the collector did not stop: " + _process.Output);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        _process.Dispose();
    }
}
