namespace EdgeEmotion.Collector.Tests.Ingest;

/// <summary>The built collector (edgeemotion-collector) as its own process, on a broker and a
/// store, without the API unless given <c>Http:Urls</c> (then started once it serves it);
/// SIGKILLed or stopped like a service.</summary>
public sealed class CollectorProcess : IDisposable
{
    private readonly ChildProcess _process;

    private CollectorProcess(ChildProcess process) => _process = process;

    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    public static async Task<CollectorProcess> StartAsync(int brokerPort, string prefix, string clientId, string group, IEnumerable<string> settings, string apiUrls = "")
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "edgeemotion-collector.dll");
        var process = ChildProcess.Start("dotnet", [exe, $"--Http:Urls={apiUrls}", "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={brokerPort.ToString(CultureInfo.InvariantCulture)}",
            $"--Mqtt:TopicPrefix={prefix}", $"--Collector:ClientId={clientId}", $"--Collector:Group={group}", .. settings]);
        var collector = new CollectorProcess(process);
        try
        {
            // With an API, started means serving it too ("API on …" is logged once Kestrel listens).
            await Wait.Until(() => (process.Output.Contains("Connected to", StringComparison.Ordinal)
                    && (apiUrls.Length == 0 || process.Output.Contains("API on ", StringComparison.Ordinal))) || process.HasExited,
                "the collector connected to the broker" + (apiUrls.Length == 0 ? "" : " and serving its API"), seen: () => process.Output);
        }
        catch (TimeoutException)
        {
            // The test never gets the process to dispose: without this it outlives the test run.
            collector.Dispose();
            throw;
        }
        return process.HasExited ? throw new InvalidOperationException($"the collector exited: {process.Output}") : collector;
    }

    public void Kill() => _process.Kill();

    public void Dispose() => _process.Dispose();
}
