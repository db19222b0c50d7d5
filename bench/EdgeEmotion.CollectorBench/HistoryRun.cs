using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeEmotion.Collector.Ingest;
using EdgeEmotion.Collector.Storage;

namespace EdgeEmotion.CollectorBench;

/// <summary>
/// A fleet's history and an outage after it, for one provider:
/// <list type="number">
/// <item>the fleet's days are stored by the direct path: the simulator's payloads read as the
/// collector reads them and stored in batches of <c>--seed-batch</c> through the collector's own
/// store (the same seq ledgers and rollups as ingest; not through MQTT, which would take hours);</item>
/// <item>the collector process subscribes (its persistent session is made), stops, and the
/// outage's hour of the fleet is published into mosquitto while it is away (as fast as QoS 1
/// allows: the broker holds it all the same);</item>
/// <item>the collector starts again: the time until every message of the backlog is stored;</item>
/// <item>its HTTP API is asked 20 times (after one untimed) for the whole period's hourly fleet
/// summary, and for one device's last day: the 95th percentile, and the collector's CPU time per
/// query (the machine may be shared; PostgreSQL's own is not in it); the database's size per
/// million visits.</item>
/// <item>where those summaries' time goes, step by step (<see cref="QueryProfile"/>).</item>
/// </list>
/// </summary>
internal static class HistoryRun
{
    public const string Header =
        """
        | store | windows + visits seeded | seed s | seed CPU s | seeded messages/s | backlog messages | backlog stored in s | collector CPU s (start and backlog) | fleet summary, hourly, whole period, p95 ms | its collector CPU ms | one device, one day, hourly, p95 ms | its collector CPU ms | database MB | MB per million visits (windows included) | load average (1, 5, 15 min) |
        | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
        """;

    public static async Task<(string Row, IReadOnlyList<string> Profile)> OnceAsync(string provider, Options options)
    {
        var hour = TimeSpan.FromHours(1);
        // The history ends now (the collector's retention judges raw rows by the clock).
        var end = new DateTimeOffset(DateTimeOffset.UtcNow.Ticks / hour.Ticks * hour.Ticks, TimeSpan.Zero);
        var outageStart = end.AddHours(-options.OutageHours);
        var start = outageStart.AddDays(-options.Days);
        var fleet = new FleetSimulator(options.Devices, (end - start).TotalHours, options.WindowSeconds, options.VisitsPerHour, options.Seed, start);

        using var bench = new BenchStore(provider);
        var backlog = new List<(string Topic, byte[] Payload)>();
        long seeded = 0, visits = 0;
        var seedClock = Stopwatch.StartNew();
        var seedCpu = Process.GetCurrentProcess().TotalProcessorTime;

        await using (var store = await CollectorStore.OpenAsync(bench.Settings, TimeProvider.System, CancellationToken.None))
        {
            var batch = new List<CollectorMessage>(options.SeedBatch);
            foreach (var (topic, payload, at) in fleet.Messages())
            {
                var isVisit = topic.EndsWith("/visits", StringComparison.Ordinal);
                visits += isVisit ? 1 : 0;
                if (at >= outageStart)
                {
                    backlog.Add((topic, payload));
                    continue;
                }
                batch.Add(MessageMapping.Map("bench", "bench/" + topic, new ReadOnlySequence<byte>(payload), at)!);
                if (batch.Count == options.SeedBatch)
                {
                    seeded += (await store.StoreAsync(batch, CancellationToken.None)).Stored;
                    batch.Clear();
                }
            }
            seeded += (await store.StoreAsync(batch, CancellationToken.None)).Stored;
        }
        var seedSeconds = seedClock.Elapsed.TotalSeconds;
        // The bench's own process: making the payloads, reading them and storing them (SQLite's
        // work is in-process; PostgreSQL's server has its own).
        seedCpu = Process.GetCurrentProcess().TotalProcessorTime - seedCpu;

        using var broker = new PersistentMosquitto();
        var httpPort = LoopbackPort.Free();
        using (var first = await CollectorProcess.StartAsync(broker.Port, bench, httpPort))
        {
            first.Stop();
        }
        await FleetPublisher.PublishAsync(broker.Port, backlog, options.Publishers);

        var backlogClock = Stopwatch.StartNew();
        using var collector = await CollectorProcess.StartAsync(broker.Port, bench, httpPort);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        var total = seeded + backlog.Count;
        await Wait.Until(() => StoredSoFar(http) >= total, "the backlog stored", TimeSpan.FromMinutes(30), () => collector.Output);
        var backlogSeconds = backlogClock.Elapsed.TotalSeconds;
        var cpu = collector.CpuSeconds;
        var health = await HealthAsync(http);
        var stored = health.GetProperty("messages_stored").GetInt64();
        var bytes = health.GetProperty("database_bytes").GetInt64();

        var queryCpu = collector.CpuSeconds;
        var fleetSummary = await Percentile.P95Async(() => SummaryAsync(http, start, outageStart, null));
        var fleetCpu = (collector.CpuSeconds - queryCpu) / (Percentile.Runs + 1); // the untimed one too
        queryCpu = collector.CpuSeconds;
        var deviceDay = await Percentile.P95Async(() => SummaryAsync(http, outageStart.AddDays(-1), outageStart, "kiosk-000"));
        var deviceCpu = (collector.CpuSeconds - queryCpu) / (Percentile.Runs + 1); // the untimed one too
        var load = LoadAverage.Now();
        if (stored != total)
        {
            throw new InvalidOperationException($"{stored} messages stored, {total} sent");
        }
        var profile = (await QueryProfile.RunAsync(provider, bench.Settings, "fleet, 30 days", start, outageStart, null))
            .Concat(await QueryProfile.RunAsync(provider, bench.Settings, "one device, one day", outageStart.AddDays(-1), outageStart, "kiosk-000")).ToList();
        return (string.Create(CultureInfo.InvariantCulture,
            $"| {provider} | {seeded} | {seedSeconds:0} | {seedCpu.TotalSeconds:0} | {seeded / seedSeconds:0} | {backlog.Count} | {backlogSeconds:0.0} | {cpu:0.0} | {fleetSummary:0} | {fleetCpu * 1000:0} | {deviceDay:0.0} | {deviceCpu * 1000:0.0} | {bytes / 1e6:0} | {bytes / 1e6 / visits * 1e6:0} | {load} |"), profile);
    }

    /// <summary>Messages stored as the API reports them; -1 while it does not answer yet.</summary>
    private static long StoredSoFar(HttpClient http)
    {
        try
        {
            return HealthAsync(http).GetAwaiter().GetResult().GetProperty("messages_stored").GetInt64();
        }
        catch (HttpRequestException)
        {
            return -1;
        }
    }

    private static async Task<JsonElement> HealthAsync(HttpClient http) => await http.GetFromJsonAsync<JsonElement>("/api/v1/health");

    private static async Task SummaryAsync(HttpClient http, DateTimeOffset from, DateTimeOffset to, string? device)
    {
        var query = $"/api/v1/summary?from={Rfc3339(from)}&to={Rfc3339(to)}&bucket=hour" + (device is null ? "" : "&device=" + device);
        using var response = await http.GetAsync(query);
        response.EnsureSuccessStatusCode();
        _ = await response.Content.ReadAsByteArrayAsync();
    }

    private static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
