using EdgeEmotion.Collector.Storage.Migrations;

namespace EdgeEmotion.Collector.Tests.Storage;

/// <summary>The store against both providers, the same cases: each message once, gaps and
/// declared skips, rollups, retention, migrations.</summary>
public sealed class StoreTests(PostgresCluster cluster) : IAsyncDisposable
{
    private static readonly DateTimeOffset Far = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TestStores _stores = new(cluster);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public async Task Each_window_and_visit_is_stored_once_and_redeliveries_are_counted_and_dropped(string provider)
    {
        var store = await _stores.OpenAsync(provider);
        var first = await store.StoreAsync([.. Enumerable.Range(1, 5).Select(s => Messages.Window("k1", s)), Messages.Visit("k1", 1), Messages.Visit("k1", 2), Messages.Window("k1", 5)], Cancel);
        var again = await store.StoreAsync([Messages.Window("k1", 2), Messages.Window("k1", 3), Messages.Visit("k1", 1), Messages.Window("k2", 2)], Cancel);

        Assert.Equal(new StoreResult(7, 1), first);
        Assert.Equal(new StoreResult(1, 3), again);
        var windows = await store.Reader.WindowsAsync(DateTimeOffset.MinValue, Far, "k1", null, 100, Cancel);
        Assert.Equal([1L, 2, 3, 4, 5], windows.Rows.Select(w => w.Seq));
        var visits = await store.Reader.VisitsAsync(DateTimeOffset.MinValue, Far, null, null, 100, Cancel);
        Assert.Equal([("k1", 1L), ("k1", 2L)], visits.Rows.Select(v => (v.Device, v.Seq)));
        var health = await store.Reader.HealthAsync(Cancel);
        Assert.Equal((8L, 4L), (health.Stored, health.Duplicates));
        var hours = await store.Reader.HoursAsync(DateTimeOffset.MinValue, Far, "k1", null, Cancel);
        Assert.Equal((5L, 2L), (hours.Sum(h => h.Windows), hours.Sum(h => h.Visits)));
    }

    [Theory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public async Task A_missing_range_is_a_gap_until_it_arrives_or_is_declared_skipped(string provider)
    {
        var store = await _stores.OpenAsync(provider);
        await store.StoreAsync([Messages.Window("k1", 10), Messages.Window("k1", 11), Messages.Window("k1", 15), Messages.Visit("k1", 3), Messages.Visit("k1", 7)], Cancel);
        Assert.Equal(
            [("k1", StreamKind.Emotions, new SeqRange(12, 14)), ("k1", StreamKind.Visits, new SeqRange(4, 6))],
            Flatten(await store.Reader.GapsAsync(null, Cancel)));

        // A late message fills its place (the gap splits); one before the first seen opens a gap back to it.
        var late = await store.StoreAsync([Messages.Window("k1", 13), Messages.Window("k1", 7)], Cancel);
        Assert.Equal(new StoreResult(2, 0), late);
        Assert.Equal(
            [new SeqRange(8, 9), new SeqRange(12, 12), new SeqRange(14, 14)],
            Flatten(await store.Reader.GapsAsync("k1", Cancel)).Where(g => g.Item2 == StreamKind.Emotions).Select(g => g.Item3));

        // Declared skips (stats seq_skipped, visits_seq_skipped) are not losses.
        await store.StoreAsync([new StatsRecord("k1", "shop-1", new SeqRange(12, 14), new SeqRange(4, 6))], Cancel);
        Assert.Equal([("k1", StreamKind.Emotions, new SeqRange(8, 9))], Flatten(await store.Reader.GapsAsync(null, Cancel)));
        var device = Assert.Single(await store.Reader.DevicesAsync(Cancel));
        Assert.Equal(1, device.Gaps);
        var health = await store.Reader.HealthAsync(Cancel);
        Assert.Equal((1, 2L), (health.GapRanges, health.MissingSeqs));

        // A seq inside the seen range and not in a gap was stored before: a duplicate.
        Assert.Equal(new StoreResult(0, 1), await store.StoreAsync([Messages.Window("k1", 11)], Cancel));
    }

    [Theory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public async Task Rollups_sum_each_hour_and_outlive_the_raw_rows_retention_deletes(string provider)
    {
        var store = await _stores.OpenAsync(provider);
        var windows = Enumerable.Range(0, 720).Select(s => Messages.Window("k1", s)).ToList(); // two hours of 10 s windows
        var visits = Enumerable.Range(0, 30).Select(s => Messages.Visit("k1", s, Messages.Origin.AddMinutes(s * 4), dwell: 5 + s, attention: s % 4, emotion: s % 7)).ToList();
        await store.StoreAsync([.. windows, .. visits], Cancel);

        var before = await store.Reader.HoursAsync(DateTimeOffset.MinValue, Far, null, null, Cancel);
        Assert.Equal([Messages.Origin, Messages.Origin.AddHours(1)], before.Select(h => h.Hour));
        Assert.Equal([360L, 360], before.Select(h => h.Windows));
        Assert.Equal(windows.Sum(w => (long)w.FaceFrames[3]), before.Sum(h => h.FaceFrames[3]));
        Assert.Equal(visits.Count(v => v.Start < Messages.Origin.AddHours(1)), before[0].Visits);
        Assert.Equal(visits.Count(v => v.Watcher), before.Sum(h => h.Watchers));
        Assert.Equal(visits.Sum(v => v.DwellSeconds), before.Sum(h => h.DwellSum), 6);
        Assert.Equal(visits.Count(v => v.Emotion == 2), before.Sum(h => h.VisitEmotions[2]));
        Assert.Equal(visits.Sum(v => v.EmotionSeconds[3]), before.Sum(h => h.EmotionSeconds[3]), 6);

        // Windows are kept less long than visits: a cutoff between them deletes only windows' rows.
        var deleted = await store.DeleteRawBeforeAsync(Far, Messages.Origin.AddMinutes(60), Cancel);
        Assert.Equal((720, visits.Count(v => v.Start < Messages.Origin.AddMinutes(60))), deleted);
        Assert.Empty((await store.Reader.WindowsAsync(DateTimeOffset.MinValue, Far, null, null, 10, Cancel)).Rows);
        Assert.Equal(visits.Count(v => v.Start >= Messages.Origin.AddMinutes(60)),
            (await store.Reader.VisitsAsync(DateTimeOffset.MinValue, Far, null, null, 1000, Cancel)).Rows.Count);
        Assert.Equivalent(before, await store.Reader.HoursAsync(DateTimeOffset.MinValue, Far, null, null, Cancel), strict: true);

        // A redelivered message whose raw row retention deleted is still a duplicate.
        Assert.Equal(new StoreResult(0, 1), await store.StoreAsync([windows[5]], Cancel));
    }

    [Theory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public async Task The_fleets_histograms_are_the_sum_of_its_devices_and_are_filled_from_them_when_the_migration_adds_them(string provider)
    {
        var settings = _stores.Settings(provider);
        var store = await _stores.OpenAsync(settings);
        // Two devices, two hours, dwell and attention spread over many bins; two batches, so the
        // second adds to the fleet's rows the first made.
        var visits = Enumerable.Range(0, 40).SelectMany(s => new[]
        {
            Messages.Visit("a", s, Messages.Origin.AddMinutes(s * 3), dwell: 1 + (s * 1.7), attention: s % 9),
            Messages.Visit("b", s, Messages.Origin.AddMinutes(s * 3 + 1), dwell: 2 + (s % 5), attention: s * 0.4),
        }).ToList();
        await store.StoreAsync(visits[..30], Cancel);
        await store.StoreAsync(visits[30..], Cancel);

        var perDevice = (await store.Reader.HistogramsAsync(DateTimeOffset.MinValue, Far, "a", null, Cancel))
            .Concat(await store.Reader.HistogramsAsync(DateTimeOffset.MinValue, Far, "b", null, Cancel))
            .GroupBy(r => (r.Hour, r.Metric, r.Bin)).Select(g => new HistogramRow(g.Key.Hour, g.Key.Metric, g.Key.Bin, g.Sum(r => r.Count)));
        var fleet = await store.Reader.HistogramsAsync(DateTimeOffset.MinValue, Far, null, null, Cancel);
        Assert.Equal(2 * visits.Count, fleet.Sum(r => r.Count)); // dwell and attention, once each
        Assert.Equal(Sorted(perDevice), Sorted(fleet));

        // A database made before the fleet's table: the migration fills it from the devices' rows.
        await using (var dialect = settings.CreateDialect())
        await using (var connection = await dialect.OpenAsync(Cancel))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "DROP TABLE hourly_fleet_histograms; DELETE FROM schema_migrations WHERE version = 2";
            await command.ExecuteNonQueryAsync(Cancel);
            Assert.Equal([2], await Migrator.MigrateAsync(dialect, Cancel));
        }
        Assert.Equal(Sorted(fleet), Sorted(await store.Reader.HistogramsAsync(DateTimeOffset.MinValue, Far, null, null, Cancel)));

        static List<HistogramRow> Sorted(IEnumerable<HistogramRow> rows) => [.. rows.OrderBy(r => r.Hour).ThenBy(r => r.Metric).ThenBy(r => r.Bin)];
    }

    [Theory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public async Task Raw_rows_come_in_pages_that_join_up(string provider)
    {
        var store = await _stores.OpenAsync(provider);
        // Two devices' visits at the same instants: the cursor must order ties by device and seq.
        await store.StoreAsync([.. Enumerable.Range(1, 25).SelectMany(s => new[] { Messages.Visit("a", s), Messages.Visit("b", s) })], Cancel);
        var seen = new List<(string, long)>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await store.Reader.VisitsAsync(DateTimeOffset.MinValue, Far, null, next is null ? null : Cursor(next), 7, Cancel);
            seen.AddRange(page.Rows.Select(r => (r.Device, r.Seq)));
            next = page.Next;
            pages++;
        }
        while (next is not null);
        Assert.Equal(Enumerable.Range(1, 25).SelectMany(s => new[] { ("a", (long)s), ("b", (long)s) }), seen);
        Assert.Equal((50 + 6) / 7, pages);
    }

    [Theory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public async Task Migrations_are_applied_once(string provider)
    {
        var settings = _stores.Settings(provider);
        await _stores.OpenAsync(settings);
        await using var dialect = settings.CreateDialect();
        Assert.Empty(await Migrator.MigrateAsync(dialect, Cancel));
        Assert.NotEmpty(Migrator.Scripts);
    }

    [Theory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public async Task Devices_keep_site_event_span_window_length_and_last_status(string provider)
    {
        var store = await _stores.OpenAsync(provider);
        var received = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        await store.StoreAsync([Messages.Window("k1", 2), Messages.Window("k1", 1, site: null), new StatusRecord("k1", "online", received), Messages.Visit("k2", 1, site: "shop-2")], Cancel);
        await store.StoreAsync([new StatusRecord("k1", "offline", received.AddMinutes(1))], Cancel);
        var devices = await store.Reader.DevicesAsync(Cancel);
        Assert.Equal(["k1", "k2"], devices.Select(d => d.Device));
        var k1 = devices[0];
        Assert.Equal(("shop-1", Messages.Window("k1", 1).Start, Messages.Window("k1", 2).End), (k1.Site, k1.First, k1.Last));
        Assert.Equal((TimeSpan.FromSeconds(10), "offline", received.AddMinutes(1)), (k1.Window, k1.Status, k1.StatusAt));
        Assert.Equal("shop-2", devices[1].Site);
    }

    [Theory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public async Task A_devices_window_length_is_its_whole_windows_not_the_partial_ones_at_a_start_or_stop(string provider)
    {
        var store = await _stores.OpenAsync(provider);
        // A daemon with 10 s windows started at 10:00:04.709 and stopped at 10:00:33.686.
        var first = Messages.Window("k1", 1) with { Start = Messages.Origin.AddMilliseconds(4_709), End = Messages.Origin.AddSeconds(10) };
        var last = Messages.Window("k1", 4, Messages.Origin.AddSeconds(30)) with { End = Messages.Origin.AddMilliseconds(33_686) };
        await store.StoreAsync([first, Messages.Window("k1", 2, Messages.Origin.AddSeconds(10)), Messages.Window("k1", 3, Messages.Origin.AddSeconds(20)), last], Cancel);
        Assert.Equal(TimeSpan.FromSeconds(10), Device(await store.Reader.DevicesAsync(Cancel), "k1").Window);

        // Restarted with 5 s windows: its first partial window leaves the length, and so does its
        // first whole one, shorter than the device's and after a partial one; the second, after a
        // whole one as long, sets it.
        var restart = Messages.Origin.AddMinutes(1);
        await store.StoreAsync([Messages.Window("k1", 5) with { Start = restart.AddMilliseconds(1_250), End = restart.AddSeconds(5) }], Cancel);
        Assert.Equal(TimeSpan.FromSeconds(10), Device(await store.Reader.DevicesAsync(Cancel), "k1").Window);
        await store.StoreAsync([Messages.Window("k1", 6, restart.AddSeconds(5), seconds: 5)], Cancel);
        Assert.Equal(TimeSpan.FromSeconds(10), Device(await store.Reader.DevicesAsync(Cancel), "k1").Window);
        await store.StoreAsync([Messages.Window("k1", 7, restart.AddSeconds(10), seconds: 5)], Cancel);
        Assert.Equal(TimeSpan.FromSeconds(5), Device(await store.Reader.DevicesAsync(Cancel), "k1").Window);
    }

    [Theory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public async Task A_window_cut_short_at_a_stop_leaves_the_length_even_when_it_starts_on_a_multiple_of_its_own(string provider)
    {
        // 1 s windows; the daemon stops 400 ms into the window that starts at second 2, a multiple
        // of 400 ms as well as of 1 s: alone in its batch, as the last message often arrives.
        var store = await _stores.OpenAsync(provider);
        await store.StoreAsync([Messages.Window("k1", 1, Messages.Origin, seconds: 1), Messages.Window("k1", 2, Messages.Origin.AddSeconds(1), seconds: 1)], Cancel);
        var cut = Messages.Window("k1", 3, Messages.Origin.AddSeconds(2), seconds: 1) with { End = Messages.Origin.AddMilliseconds(2_400) };
        await store.StoreAsync([cut], Cancel);
        Assert.Equal(TimeSpan.FromSeconds(1), Device(await store.Reader.DevicesAsync(Cancel), "k1").Window);
    }

    public ValueTask DisposeAsync() => _stores.DisposeAsync();

    private static DeviceRow Device(IEnumerable<DeviceRow> devices, string device) => devices.Single(d => d.Device == device);

    private static PageCursor Cursor(string token) => PageCursor.TryDecode(token, out var cursor) ? cursor : throw new FormatException(token);

    private static List<(string, StreamKind, SeqRange)> Flatten(IEnumerable<StreamGaps> gaps) =>
        [.. gaps.SelectMany(g => g.Missing.Select(r => (g.Device, g.Stream, r)))];
}
