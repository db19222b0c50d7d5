using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgeEmotion.Collector.Api;
using EdgeEmotion.Collector.Reports;
using EdgeEmotion.Collector.Storage;

namespace EdgeEmotion.CollectorBench;

/// <summary>
/// Where a summary's time goes, in the bench's own process against the same store the API
/// answered from: each step the summary endpoint takes (the three reads, the buckets summed in
/// C#, the JSON written) timed on its own, the median of <see cref="Runs"/> after one untimed,
/// wall-clock and this process's CPU beside it (PostgreSQL's server time is in the reads' wall
/// clock only).
/// </summary>
internal static class QueryProfile
{
    private const int Runs = 7;

    public const string Header =
        """
        | store | summary | step | rows or bytes | median ms | CPU ms | load average (1, 5, 15 min) |
        | --- | --- | --- | ---: | ---: | ---: | --- |
        """;

    public static async Task<IReadOnlyList<string>> RunAsync(string provider, StorageSettings settings, string name, DateTimeOffset from, DateTimeOffset to, string? device)
    {
        await using var store = await CollectorStore.OpenAsync(settings, TimeProvider.System, CancellationToken.None);
        var reader = store.Reader;
        var cancel = CancellationToken.None;
        var query = new SummaryQuery(from, to, BucketSize.Hour, device, null);
        var builder = new SummaryBuilder(new BucketCalendar(TimeZoneInfo.Utc, store.Grid));
        var hours = await reader.HoursAsync(from, to, device, null, cancel);
        var histograms = await reader.HistogramsAsync(from, to, device, null, cancel);
        var coverage = await reader.CoverageAsync(device, null, cancel);
        var summary = builder.Build(query, hours, histograms, coverage, DateTimeOffset.UtcNow);
        var steps = new (string Step, long Size, Func<Task> Run)[]
        {
            ("hours (SQL)", hours.Count, () => reader.HoursAsync(from, to, device, null, cancel)),
            ("histograms (SQL)", histograms.Count, () => reader.HistogramsAsync(from, to, device, null, cancel)),
            ("coverage (SQL)", coverage.Count, () => reader.CoverageAsync(device, null, cancel)),
            ("buckets (C#)", summary.Buckets.Count, () => Task.FromResult(builder.Build(query, hours, histograms, coverage, DateTimeOffset.UtcNow))),
            ("JSON", JsonSerializer.SerializeToUtf8Bytes(summary, ApiJson.Options).Length, () => Task.FromResult(JsonSerializer.SerializeToUtf8Bytes(summary, ApiJson.Options))),
        };
        var lines = new List<string>();
        foreach (var (step, size, run) in steps)
        {
            var (wall, cpu) = await TimeAsync(run);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"| {provider} | {name} | {step} | {size} | {wall:0.0} | {cpu:0.0} | {LoadAverage.Now()} |"));
        }
        return lines;
    }

    private static async Task<(double WallMs, double CpuMs)> TimeAsync(Func<Task> run)
    {
        await run();
        var times = new List<double>();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        for (var i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await run();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        process.Refresh();
        times.Sort();
        return (times[Runs / 2], (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / Runs);
    }
}
