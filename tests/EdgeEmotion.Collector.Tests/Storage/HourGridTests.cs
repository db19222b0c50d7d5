namespace EdgeEmotion.Collector.Tests.Storage;

/// <summary>The rollups' hours (<see cref="HourGrid"/>): a zone's local hours start at a minute of
/// the UTC hour; a database keeps the grid its first collector chose, and one that already had
/// rollups keeps the UTC hours they were summed in.</summary>
public sealed class HourGridTests(PostgresCluster cluster) : IAsyncDisposable
{
    private readonly TestStores _stores = new(cluster);

    [Theory]
    [InlineData("UTC", 0)]
    [InlineData("Europe/Berlin", 0)]
    [InlineData("America/New_York", 0)]
    [InlineData("Asia/Kolkata", 30)]
    [InlineData("Asia/Tehran", 30)]
    [InlineData("Australia/Adelaide", 30)]
    [InlineData("America/St_Johns", 30)] // -03:30
    [InlineData("Pacific/Marquesas", 30)] // -09:30
    [InlineData("Asia/Kathmandu", 15)] // +05:45
    [InlineData("Pacific/Chatham", 15)] // +12:45
    public void A_zones_local_hours_start_at_the_minute_of_its_offset(string zoneId, int minutes)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var grid = HourGrid.Of(zone);
        Assert.Equal(minutes, grid.Minutes);
        // Every hour of the grid starts at a whole local hour, summer and winter.
        foreach (var instant in new[] { new DateTimeOffset(2026, 1, 15, 13, 20, 0, TimeSpan.Zero), new DateTimeOffset(2026, 7, 15, 0, 5, 0, TimeSpan.Zero) })
        {
            var start = grid.Floor(instant);
            Assert.True(start <= instant && instant - start < TimeSpan.FromHours(1), $"{zoneId}: {start:O} for {instant:O}");
            Assert.Equal(0, TimeZoneInfo.ConvertTime(start, zone).Minute);
        }
    }

    [Fact]
    public void Times_before_1970_floor_to_the_hour_before_them_too()
    {
        var grid = new HourGrid(30);
        Assert.Equal(new DateTimeOffset(1969, 12, 31, 23, 30, 0, TimeSpan.Zero), grid.Floor(new DateTimeOffset(1969, 12, 31, 23, 59, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(1969, 12, 31, 22, 30, 0, TimeSpan.Zero), grid.Floor(new DateTimeOffset(1969, 12, 31, 23, 29, 0, TimeSpan.Zero)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HourGrid(20));
    }

    [Theory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public async Task A_database_keeps_the_grid_its_first_collector_chose(string provider)
    {
        var settings = _stores.Settings(provider);
        var first = await _stores.OpenAsync(settings, grid: new HourGrid(30));
        Assert.Equal(30, first.Grid.Minutes);
        await first.StoreAsync([Messages.Window("k1", 1, new DateTimeOffset(2026, 11, 25, 4, 40, 0, TimeSpan.Zero))], TestContext.Current.CancellationToken);

        var again = await _stores.OpenAsync(settings, grid: HourGrid.Utc);
        Assert.Equal(30, again.Grid.Minutes);
        var hours = await again.Reader.HoursAsync(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), null, null, TestContext.Current.CancellationToken);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 4, 30, 0, TimeSpan.Zero), Assert.Single(hours).Hour);
    }

    /// <summary>Migration 006 on a store of the previous version: one with rollups keeps UTC hours
    /// whatever the zone now asks; one without any takes the zone's.</summary>
    [Theory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public async Task A_database_with_rollups_from_before_keeps_UTC_hours_and_one_without_takes_the_zones(string provider)
    {
        var withRollups = _stores.Settings(provider);
        var empty = _stores.Settings(provider);
        await using (var store = await CollectorStore.OpenAsync(withRollups, TimeProvider.System, TestContext.Current.CancellationToken))
        {
            await store.StoreAsync([Messages.Window("k1", 1)], TestContext.Current.CancellationToken);
        }
        await (await CollectorStore.OpenAsync(empty, TimeProvider.System, TestContext.Current.CancellationToken)).DisposeAsync();
        foreach (var settings in new[] { withRollups, empty })
        {
            await TestStores.ExecuteAsync(settings, "DROP TABLE hour_grid");
            await TestStores.ForgetMigrationAsync(settings, "006-hour-grid");
        }

        Assert.Equal(0, (await _stores.OpenAsync(withRollups, grid: new HourGrid(30))).Grid.Minutes);
        Assert.Equal(30, (await _stores.OpenAsync(empty, grid: new HourGrid(30))).Grid.Minutes);
    }

    public ValueTask DisposeAsync() => _stores.DisposeAsync();
}
