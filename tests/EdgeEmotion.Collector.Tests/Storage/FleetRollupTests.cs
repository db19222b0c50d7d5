namespace EdgeEmotion.Collector.Tests.Storage;

/// <summary>The fleet's hourly rollup (migration 005, what a whole-fleet summary reads) against the
/// devices' rollups it must equal, on both providers: kept at ingest by two collectors storing one
/// fleet side by side with redeliveries among their batches, untouched by retention, and filled
/// by the migration on a store of the previous version.</summary>
public sealed class FleetRollupTests(PostgresCluster cluster) : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private static readonly string[] Devices = ["k1", "k2", "k3", "k4", "k5"];
    private readonly TestStores _stores = new(cluster);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public async Task Two_collectors_with_redeliveries_keep_the_fleet_rollup_equal_to_the_sum_of_the_devices_through_retention(string provider)
    {
        var settings = _stores.Settings(provider);
        var one = await _stores.OpenAsync(settings);
        var two = await _stores.OpenAsync(settings);
        var messages = Fleet(new Random(11));
        var random = new Random(12);
        // Each batch goes to one of the two collectors; a tenth of the messages come again in a later batch.
        var batches = messages.Chunk(40).Select(b => b.Concat(messages.Where(_ => random.NextDouble() < 0.004)).ToArray()).ToList();
        await Task.WhenAll(
            Task.Run(async () => { foreach (var b in batches.Where((_, i) => i % 2 == 0)) { await one.StoreAsync(b, Cancel); } }, Cancel),
            Task.Run(async () => { foreach (var b in batches.Where((_, i) => i % 2 == 1)) { await two.StoreAsync(b, Cancel); } }, Cancel));

        var fleet = await one.Reader.HoursAsync(Start, Start.AddDays(1), null, null, Cancel);
        await AssertSumOfDevicesAsync(one, fleet);
        Assert.Equal(messages.OfType<WindowRecord>().Count(), fleet.Sum(h => h.Windows));
        Assert.Equal(messages.OfType<VisitRecord>().Count(), fleet.Sum(h => h.Visits));
        Assert.Equal(messages.OfType<VisitRecord>().Count(v => v.FaceSeconds is not null), fleet.Sum(h => h.FaceVisits));

        await one.DeleteRawBeforeAsync(Start.AddDays(1), Start.AddDays(1), Cancel);
        Assert.Empty((await one.Reader.VisitsAsync(Start, Start.AddDays(1), null, null, 10, Cancel)).Rows);
        var afterRetention = await one.Reader.HoursAsync(Start, Start.AddDays(1), null, null, Cancel);
        Assert.Equal(PerHour(fleet), PerHour(afterRetention));
        await AssertSumOfDevicesAsync(one, afterRetention);
    }

    [Theory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public async Task The_migration_fills_the_fleet_rollup_from_the_devices_rollups(string provider)
    {
        var settings = _stores.Settings(provider);
        await using (var store = await CollectorStore.OpenAsync(settings, TimeProvider.System, Cancel))
        {
            await store.StoreAsync(Fleet(new Random(5)), Cancel);
        }
        // The previous version's store: no fleet rollup nor index of 005, migration 005 not recorded.
        await TestStores.ExecuteAsync(settings, "DROP TABLE hourly_fleet");
        await TestStores.ExecuteAsync(settings, "DROP INDEX hourly_fleet_histograms_read");
        await TestStores.ForgetMigrationAsync(settings, "005-fleet-hourly");

        var migrated = await _stores.OpenAsync(settings);
        var fleet = await migrated.Reader.HoursAsync(Start, Start.AddDays(1), null, null, Cancel);
        Assert.NotEmpty(fleet);
        await AssertSumOfDevicesAsync(migrated, fleet);
    }

    public async ValueTask DisposeAsync() => await _stores.DisposeAsync();

    /// <summary>Five devices over three hours: 30 s windows and a visit every few minutes, some
    /// with <c>face_s</c> (a device of the person stage) and some without.</summary>
    private static List<CollectorMessage> Fleet(Random random)
    {
        var messages = new List<CollectorMessage>();
        foreach (var device in Devices)
        {
            messages.AddRange(Enumerable.Range(1, 360).Select(s => Messages.Window(device, s, Start.AddSeconds(s * 30), seconds: 30)));
            messages.AddRange(Enumerable.Range(1, 60).Select(s => Messages.Visit(device, s, Start.AddMinutes(s * 3), dwell: Math.Round(1 + (random.NextDouble() * 40), 1),
                attention: Math.Round(random.NextDouble() * 4, 1), emotion: s % 4 == 0 ? null : s % 7) with { FaceSeconds = s % 3 == 0 ? null : Math.Round(random.NextDouble() * 20, 1) }));
        }
        return [.. messages.OrderBy(m => m is WindowRecord w ? w.Start : ((VisitRecord)m).Start)];
    }

    private static async Task AssertSumOfDevicesAsync(CollectorStore store, IReadOnlyList<HourRow> fleet)
    {
        var devices = new List<HourRow>();
        foreach (var device in Devices)
        {
            devices.AddRange(await store.Reader.HoursAsync(Start, Start.AddDays(1), device, null, Cancel));
        }
        var summed = devices.GroupBy(h => h.Hour).OrderBy(g => g.Key).Select(g => Figures(g)).ToList();
        Assert.Equal(summed.Count, fleet.Count);
        foreach (var (expected, actual) in summed.Zip(fleet.Select(h => Figures([h]))))
        {
            Assert.Equal(expected.Length, actual.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                // Counts are equal; sums of seconds up to the order they were added in.
                Assert.Equal(expected[i], actual[i], 1e-9 * Math.Max(1, Math.Abs(expected[i])));
            }
        }
    }

    /// <summary>An hour's (or hours' summed) figures as one row of numbers, the hour first.</summary>
    private static double[] Figures(IEnumerable<HourRow> hours)
    {
        var rows = hours.ToList();
        return
        [
            rows[0].Hour.ToUnixTimeMilliseconds(), rows.Sum(h => h.Windows), rows.Sum(h => h.Frames), rows.Sum(h => h.Faces),
            .. Enumerable.Range(0, 7).Select(i => (double)rows.Sum(h => h.FaceFrames[i])),
            rows.Sum(h => h.Visits), rows.Sum(h => h.Watchers), rows.Sum(h => h.DwellSum), rows.Sum(h => h.AttentionSum),
            .. Enumerable.Range(0, 7).Select(i => (double)rows.Sum(h => h.VisitEmotions[i])),
            .. Enumerable.Range(0, 7).Select(i => rows.Sum(h => h.EmotionSeconds[i])),
            rows.Sum(h => h.FaceVisits), rows.Sum(h => h.FaceSum),
        ];
    }

    private static List<double[]> PerHour(IReadOnlyList<HourRow> hours) => [.. hours.Select(h => Figures([h]))];
}
