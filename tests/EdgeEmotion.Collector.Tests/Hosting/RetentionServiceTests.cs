using EdgeEmotion.Collector.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeEmotion.Collector.Tests.Hosting;

/// <summary>The hourly sweep keeps raw windows Retention:WindowsDays and raw visits
/// Retention:VisitsDays back from now, and leaves the rollups.</summary>
public sealed class RetentionServiceTests(PostgresCluster cluster) : IAsyncDisposable
{
    private readonly TestStores _stores = new(cluster);

    [Fact]
    public async Task A_sweep_deletes_raw_rows_past_each_kinds_days_and_keeps_the_rollups()
    {
        var now = Messages.Origin.AddDays(100);
        var store = await _stores.OpenAsync("sqlite");
        var ages = new[] { 1, 9, 11, 49, 51 }; // days before now
        await store.StoreAsync([.. ages.Select((a, i) => Messages.Window("k1", i + 1, now.AddDays(-a))), .. ages.Select((a, i) => Messages.Visit("k1", i + 1, now.AddDays(-a)))],
            TestContext.Current.CancellationToken);
        var hoursBefore = await store.Reader.HoursAsync(DateTimeOffset.MinValue, now, null, null, TestContext.Current.CancellationToken);

        var options = Options.Create(new RetentionOptions { WindowsDays = 10, VisitsDays = 50 });
        await new RetentionService(store, options, new FakeTimeProvider(now), NullLogger<RetentionService>.Instance).SweepAsync(TestContext.Current.CancellationToken);

        var windows = await store.Reader.WindowsAsync(DateTimeOffset.MinValue, now, null, null, 100, TestContext.Current.CancellationToken);
        var visits = await store.Reader.VisitsAsync(DateTimeOffset.MinValue, now, null, null, 100, TestContext.Current.CancellationToken);
        Assert.Equal(ages.Where(a => a < 10).Select(a => now.AddDays(-a)), windows.Rows.Select(w => w.Start).OrderDescending());
        Assert.Equal(ages.Where(a => a < 50).Select(a => now.AddDays(-a)), visits.Rows.Select(v => v.Start).OrderDescending());
        Assert.Equivalent(hoursBefore, await store.Reader.HoursAsync(DateTimeOffset.MinValue, now, null, null, TestContext.Current.CancellationToken), strict: true);
    }

    public ValueTask DisposeAsync() => _stores.DisposeAsync();
}
