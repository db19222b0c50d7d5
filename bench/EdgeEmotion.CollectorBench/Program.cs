using System.Diagnostics;
using System.Globalization;
using EdgeEmotion.Collector.Reports;
using EdgeEmotion.Collector.Storage;
using EdgeEmotion.CollectorBench;
using EdgeEmotion.Tests;
using MQTTnet;
using MQTTnet.Protocol;

// edgeemotion-collector-bench [--devices 50] [--hours 1] [--window-seconds 10] [--visits-per-hour 300]
//                             [--seed 26] [--providers sqlite,postgres] [--publishers 4]
// A seeded fleet published into a real mosquitto as fast as QoS 1 allows, stored by the real
// collector process; prints sustained ingest (messages/s from the first publish to the last
// commit), that nothing was lost or doubled, the database's size, and summary query times.
var options = Options.Parse(args);
Console.WriteLine($"CPU: {Cpu.Describe()}");
Console.WriteLine($"Fleet: {options.Devices} devices, {options.Hours} h of {options.WindowSeconds} s windows, {options.VisitsPerHour} visits/h per device, seed {options.Seed}, {options.Publishers} publishers");
var messages = new FleetSimulator(options.Devices, options.Hours, options.WindowSeconds, options.VisitsPerHour, options.Seed).Messages().ToList();
var visits = messages.Count(m => m.Topic.EndsWith("/visits", StringComparison.Ordinal));
Console.WriteLine($"Messages: {messages.Count} ({visits} visits)");
Console.WriteLine();
Console.WriteLine("| store | messages | ingest s | messages/s | stored | duplicates | gaps | database MB | MB per million visits (windows included) | fleet hourly summary p95 ms | one device, one day p95 ms |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var provider in options.Providers)
{
    Console.WriteLine(await Run.OnceAsync(provider, options, messages, visits));
}

internal sealed record Options(int Devices, double Hours, int WindowSeconds, double VisitsPerHour, int Seed, string[] Providers, int Publishers)
{
    public static Options Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var c = CultureInfo.InvariantCulture;
        return new Options(int.Parse(Get("devices", "50"), c), double.Parse(Get("hours", "1"), c), int.Parse(Get("window-seconds", "10"), c),
            double.Parse(Get("visits-per-hour", "300"), c), int.Parse(Get("seed", "26"), c), Get("providers", "sqlite,postgres").Split(','), int.Parse(Get("publishers", "4"), c));
    }
}

internal static class Run
{
    private static readonly DateTimeOffset Far = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<string> OnceAsync(string provider, Options options, List<(string Topic, byte[] Payload)> messages, int visits)
    {
        using var broker = new PersistentMosquitto();
        using var folder = new TempDirectory();
        using var cluster = provider == "postgres" ? new PostgresCluster() : null;
        var settings = cluster is null ? StorageSettings.SqliteIn(folder.Path) : new StorageSettings(StorageProvider.Postgres, cluster.CreateDatabase());
        var storageArgs = cluster is null
            ? new[] { $"--StateDirectory={folder.Path}" }
            : ["--Storage:Provider=Postgres", $"--Storage:ConnectionString={settings.ConnectionString}"];
        using var collector = ChildProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "edgeemotion-collector.dll"), "--Http:Urls=", "--Mqtt:Host=127.0.0.1",
            $"--Mqtt:Port={broker.Port}", "--Mqtt:TopicPrefix=bench", "--Collector:ClientId=bench-collector", .. storageArgs]);
        await Wait.Until(() => collector.Output.Contains("subscribed", StringComparison.Ordinal) || collector.HasExited, "the collector subscribed",
            TimeSpan.FromMinutes(2), () => collector.Output);
        await using var store = await CollectorStore.OpenAsync(settings, TimeProvider.System, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        await PublishAsync(broker.Port, messages, options.Publishers);
        await Wait.Until(() => store.Reader.HealthAsync(CancellationToken.None).GetAwaiter().GetResult().Stored >= messages.Count,
            "every message stored", TimeSpan.FromMinutes(30), () => collector.Output);
        var seconds = clock.Elapsed.TotalSeconds;
        var health = await store.Reader.HealthAsync(CancellationToken.None);

        var from = new DateTimeOffset(2026, 11, 2, 6, 0, 0, TimeSpan.Zero);
        var to = from.AddHours(Math.Ceiling(options.Hours));
        var fleet = await P95Async(() => SummaryAsync(store, from, to, null));
        var device = await P95Async(() => SummaryAsync(store, from, from.AddDays(1), "kiosk-000"));
        collector.Kill();
        var megabytes = health.DatabaseBytes / 1e6;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {provider} | {messages.Count} | {seconds:0.0} | {messages.Count / seconds:0} | {health.Stored} | {health.Duplicates} | {health.GapRanges} | {megabytes:0.0} | {megabytes / visits * 1e6:0} | {fleet:0.0} | {device:0.0} |");
    }

    /// <summary>Per device, one publisher (so each device's messages keep their order, as one
    /// daemon's do); the publishers run side by side, each awaiting every QoS 1 acknowledgement.</summary>
    private static async Task PublishAsync(int port, List<(string Topic, byte[] Payload)> messages, int publishers)
    {
        var factory = new MqttClientFactory();
        var groups = messages.GroupBy(m => Math.Abs(m.Topic.Split('/')[0].GetHashCode(StringComparison.Ordinal)) % publishers);
        await Task.WhenAll(groups.Select(async group =>
        {
            using var client = factory.CreateMqttClient();
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"bench-fleet-{group.Key}").Build());
            foreach (var (topic, payload) in group)
            {
                await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("bench/" + topic).WithPayload(payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            }
            await client.DisconnectAsync();
        }));
    }

    private static async Task SummaryAsync(CollectorStore store, DateTimeOffset from, DateTimeOffset to, string? device)
    {
        var query = new SummaryQuery(from, to, BucketSize.Hour, device, null);
        _ = new SummaryBuilder(new BucketCalendar(TimeZoneInfo.Utc)).Build(query,
            await store.Reader.HoursAsync(from, to, device, null, CancellationToken.None),
            await store.Reader.HistogramsAsync(from, to, device, null, CancellationToken.None),
            await store.Reader.CoverageAsync(device, null, CancellationToken.None), Far);
    }

    /// <summary>The 95th percentile of 20 timed runs (after one untimed, which warms the caches).</summary>
    private static async Task<double> P95Async(Func<Task> query)
    {
        await query();
        var times = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var clock = Stopwatch.StartNew();
            await query();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[(int)Math.Ceiling(0.95 * times.Count) - 1];
    }
}

internal static class Cpu
{
    private static readonly string[] Flags = ["avx512_vnni", "avx_vnni", "avx2"];

    public static string Describe()
    {
        var info = File.ReadAllText("/proc/cpuinfo");
        var model = info.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var flags = Flags.Where(f => info.Contains(" " + f, StringComparison.Ordinal));
        return $"{model}, {Environment.ProcessorCount} cores, flags {string.Join(' ', flags)}";
    }
}
