namespace EdgeEmotion.Collector.Tests.Api;

/// <summary>Debian's Prometheus as its own process on a free loopback port, scraping one target
/// every second, with its data in a temporary folder; queried over its HTTP API.</summary>
public sealed class PrometheusServer : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly ChildProcess _process;
    private readonly HttpClient _client;

    private PrometheusServer(string target)
    {
        var port = LoopbackPort.Free();
        File.WriteAllText(_folder.Combine("prometheus.yml"), $"""
            scrape_configs:
              - job_name: collector
                scrape_interval: 1s
                static_configs:
                  - targets: ['{target}']
            """);
        _process = ChildProcess.Start("prometheus", [$"--config.file={_folder.Combine("prometheus.yml")}", $"--storage.tsdb.path={_folder.Combine("data")}",
            $"--web.listen-address=127.0.0.1:{port}"]);
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        if (!LoopbackPort.WaitUntilListening(port, TimeSpan.FromMinutes(1)))
        {
            Dispose();
            throw new InvalidOperationException($"prometheus did not listen: {_process.Output}");
        }
    }

    public string Output => _process.Output;

    /// <param name="target">host:port whose /metrics it scrapes</param>
    public static PrometheusServer Scraping(string target) => new(target);

    /// <summary>An instant query's single value; null while it has none (no scrape yet, no series).</summary>
    public async Task<double?> ValueAsync(string query)
    {
        // Off the test's context: Value blocks on it inside a polled condition.
        var text = await _client.GetStringAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}", TestContext.Current.CancellationToken).ConfigureAwait(false);
        using var answer = JsonDocument.Parse(text);
        var result = answer.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 1 ? double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture) : null;
    }

    /// <summary><see cref="ValueAsync"/>, for a condition that is polled.</summary>
    public double? Value(string query) => ValueAsync(query).GetAwaiter().GetResult();

    public void Dispose()
    {
        _client.Dispose();
        _process.Dispose();
        _folder.Dispose();
    }
}
