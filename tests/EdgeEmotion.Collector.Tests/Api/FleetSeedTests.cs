namespace EdgeEmotion.Collector.Tests.Api;

/// <summary>The seeded fleet the history tests use: what the API reports is exactly what the seed
/// says it wrote, a device off between phases shows as missing coverage, and the same spec gives
/// the same fleet.</summary>
public sealed class FleetSeedTests(PostgresCluster cluster) : IAsyncDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly double[] Mix = [1, 1, 1, 3, 1, 1, 4];
    private readonly TestStores _stores = new(cluster);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_api_reports_what_the_seed_wrote_and_the_hours_a_device_was_off()
    {
        // k1 on all day; k2 off from 10:00 to 14:00.
        var spec = new FleetSeedSpec([("k1", "shop-1"), ("k2", "shop-2")],
            [new SeedPhase(Day, Day.AddHours(10), 20, Mix), new SeedPhase(Day.AddHours(14), Day.AddDays(1), 20, Mix)], WindowSeconds: 300);
        var store = await _stores.OpenAsync("sqlite");
        var totals = await FleetSeed.FillAsync(store, spec, Cancel);
        await using var api = await ApiServer.StartAsync(store, TimeZoneInfo.Utc, new FakeTimeProvider(Day.AddDays(2)));

        var total = JsonDocument.Parse(await api.Client.GetStringAsync($"/api/v1/summary?from={Q(Day)}&to={Q(Day.AddDays(1))}", Cancel)).RootElement.GetProperty("total");
        Assert.Equal(totals.Visits, total.GetProperty("visits").GetInt64());
        Assert.Equal(totals.Watchers, total.GetProperty("watchers").GetInt64());
        Assert.Equal(Enumerable.Range(0, 7).Select(i => totals.Devices.Values.Sum(d => d.Emotions[i])), total.GetProperty("emotions").EnumerateObject().Select(e => e.Value.GetInt64()));
        // 20 hours of 5-minute windows each, out of 24 expected.
        Assert.Equal((2 * 20 * 12L, 2 * 24 * 12L), (total.GetProperty("windows").GetInt64(), total.GetProperty("windows_expected").GetInt64()));
        Assert.Equal(totals.Windows, total.GetProperty("windows").GetInt64());
        Assert.InRange(totals.Visits, 2 * 20 * 20 * 0.8, 2 * 20 * 20 * 1.2);
        Assert.Equal(SeedTotals.Of(FleetSeed.Messages(spec)), totals, new SameTotals());
    }

    public async ValueTask DisposeAsync() => await _stores.DisposeAsync();

    private static string Q(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));

    private sealed class SameTotals : IEqualityComparer<SeedTotals>
    {
        public bool Equals(SeedTotals? x, SeedTotals? y) =>
            x!.Devices.Count == y!.Devices.Count && x.Devices.All(d => y.Devices.TryGetValue(d.Key, out var o)
                && (d.Value.Windows, d.Value.Visits, d.Value.Watchers, d.Value.DwellSeconds) == (o.Windows, o.Visits, o.Watchers, o.DwellSeconds) && d.Value.Emotions.SequenceEqual(o.Emotions));

        public int GetHashCode(SeedTotals obj) => obj.Visits.GetHashCode();
    }
}
