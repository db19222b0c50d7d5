using EdgeEmotion.Collector.Tests.Ingest;

namespace EdgeEmotion.Collector.Tests.Hosting;

/// <summary><c>Reports:TimeZone</c> at the collector's start, as an installer sets it: a new
/// database keeps its rollups in that zone's local hours; a database whose rollups were summed in
/// UTC hours keeps them, and the start says so in one warning naming the zone.</summary>
public sealed class ReportsTimeZoneTests(PersistentMosquitto broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_database_takes_the_zones_hours_and_one_with_UTC_rollups_keeps_them_with_a_warning()
    {
        using var fresh = new TempDirectory();
        using var utcRollups = new TempDirectory();
        await using (var store = await CollectorStore.OpenAsync(StorageSettings.SqliteIn(utcRollups.Path), TimeProvider.System, Cancel))
        {
            await store.StoreAsync([Messages.Window("k1", 1)], Cancel);
        }

        var (freshMinute, freshOutput) = await StartAsync(fresh, "tz-fresh");
        Assert.Equal(30, freshMinute);
        Assert.DoesNotContain("Reports:TimeZone", freshOutput, StringComparison.Ordinal);

        var (keptMinute, keptOutput) = await StartAsync(utcRollups, "tz-kept");
        Assert.Equal(0, keptMinute);
        Assert.Contains("Reports:TimeZone is Asia/Kolkata, whose local hours start at minute 30 of the UTC hour, but this database's rollups were summed in hours from minute 0", keptOutput, StringComparison.Ordinal);
        Assert.Single(keptOutput.Split('\n'), l => l.Contains("Reports:TimeZone", StringComparison.Ordinal));
    }

    /// <summary>Starts the collector on <paramref name="state"/> in Asia/Kolkata; its health's
    /// <c>hours_start_at_minute</c> and its output.</summary>
    private async Task<(int Minute, string Output)> StartAsync(TempDirectory state, string name)
    {
        var port = LoopbackPort.Free();
        using var collector = await CollectorProcess.StartAsync(broker.Port, name, name, name,
            [$"--StateDirectory={state.Path}", "--Reports:TimeZone=Asia/Kolkata"], $"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var health = JsonDocument.Parse(await client.GetStringAsync("/api/v1/health", Cancel));
        return (health.RootElement.GetProperty("hours_start_at_minute").GetInt32(), collector.Output);
    }
}
