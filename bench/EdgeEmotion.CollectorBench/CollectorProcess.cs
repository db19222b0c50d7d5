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
        var collector = new CollectorProcess(process);
        try
        {
            await Wait.Until(() => process.Output.Contains("subscribed", StringComparison.Ordinal) || process.HasExited, "the collector subscribed",
                TimeSpan.FromMinutes(5), () => process.Output);
        }
        catch (TimeoutException)
        {
            collector.Dispose(); // else it outlives the bench
            throw;
        }
        return process.HasExited ? throw new InvalidOperationException("the collector stopped: " + process.Output) : collector;
    }

    public string Output => _process.Output;

    /// <summary>User and system CPU seconds so far.</summary>
    public double CpuSeconds => ProcessCpu.Seconds(_process.Id);

    /// <summary>Resident memory now, MB; NaN once the process is gone.</summary>
    public double ResidentMb => Mb(ProcStat.ResidentBytes(_process.Id));

    /// <summary>The highest resident memory so far, MB, so that a burst between two readings counts too.</summary>
    public double PeakResidentMb => Mb(ProcStat.PeakResidentBytes(_process.Id));

    /// <summary>A clean stop (SIGTERM): the broker keeps its session and queues for it.</summary>
    public void Stop()
    {
        _process.Signal("TERM");
        if (!_process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            throw new TimeoutException("the collector did not stop: " + _process.Output);
        }
    }

    private static double Mb(long? bytes) => bytes is { } b ? b / 1048576.0 : double.NaN;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        _process.Dispose();
    }
}
