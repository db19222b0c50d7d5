using EdgeEmotion.Collector.Statistics;
using EdgeEmotion.Collector.Storage.Migrations;

namespace EdgeEmotion.Collector.Tests.Storage;

/// <summary>Migration 003 (the hourly per-visit sums of squares) on both providers: on a store the
/// previous version made, it fills the sums from the raw visits still kept, and an hour whose
/// raw visits retention had deleted is marked incomplete rather than given wrong sums; ingest
/// then adds to them.</summary>
public sealed class MomentsMigrationTests(PostgresCluster cluster) : IAsyncDisposable
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly TestStores _stores = new(cluster);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public async Task On_a_store_of_the_previous_version_the_sums_come_from_the_raw_visits_still_kept(string provider)
    {
        var settings = _stores.Settings(provider);
        var random = new Random(3);
        // Three hours of visits of two devices.
        var visits = Enumerable.Range(0, 180).Select(i => Messages.Visit(i % 2 == 0 ? "k1" : "k2", (i / 2) + 1, Hour.AddMinutes(i), dwell: Math.Round(1 + (random.NextDouble() * 60), 1),
            attention: Math.Round(random.NextDouble() * 8, 1))).ToList();
        await using (var store = await CollectorStore.OpenAsync(settings, TimeProvider.System, Cancel))
        {
            await store.StoreAsync(visits, Cancel);
        }
        await MakePreviousVersionAsync(settings);
        // Retention has deleted the first hour's raw visits (its rollups stay).
        await TestStores.ExecuteAsync(settings, $"DELETE FROM visits WHERE start_ms < {Hour.AddHours(1).ToUnixTimeMilliseconds()}");

        await using var migrated = await _stores.OpenAsync(settings);
        var kept = visits.Where(v => v.Start >= Hour.AddHours(1)).ToList();
        var moments = await migrated.Reader.MomentsAsync(Hour.AddHours(1), Hour.AddHours(3), null, null, Cancel);
        Assert.True(moments.Complete);
        Assert.Equal(kept.Count, moments.MomentVisits);
        Assert.Equal(Moments.Of(kept.Select(v => v.DwellSeconds)).SumOfSquares, moments.DwellSquares, 6);
        Assert.Equal(Moments.Of(kept.Select(v => v.AttentionSeconds)).SumOfSquares, moments.AttentionSquares, 6);
        var happy = RatioSums.Of(kept.Select(v => (v.EmotionSeconds[3], v.EmotionSeconds.Sum())));
        Assert.Equal((happy.SumXX, happy.SumXY, happy.SumYY), (moments.EmotionSquares[3], moments.EmotionCross[3], moments.EmotionTotalSquares), new Close());

        var all = await migrated.Reader.MomentsAsync(Hour, Hour.AddHours(3), null, null, Cancel);
        Assert.Equal((visits.Count, kept.Count), (all.Visits, all.MomentVisits));
        Assert.False(all.Complete);

        // Ingest adds to the sums of a migrated hour.
        var late = Messages.Visit("k1", 1000, Hour.AddHours(2).AddMinutes(59), dwell: 7);
        await migrated.StoreAsync([late], Cancel);
        var after = await migrated.Reader.MomentsAsync(Hour.AddHours(1), Hour.AddHours(3), null, null, Cancel);
        Assert.True(after.Complete);
        Assert.Equal(moments.DwellSquares + 49, after.DwellSquares, 6);
    }

    [Theory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public async Task A_new_store_keeps_the_sums_of_every_visit(string provider)
    {
        var store = await _stores.OpenAsync(provider);
        var visits = Enumerable.Range(1, 30).Select(s => Messages.Visit("k1", s, Hour.AddMinutes(s * 3), dwell: s, attention: s / 3.0)).ToList();
        await store.StoreAsync(visits, Cancel);
        var moments = await store.Reader.MomentsAsync(Hour, Hour.AddHours(2), "k1", null, Cancel);
        Assert.True(moments.Complete);
        Assert.Equal(visits.Sum(v => v.DwellSeconds * v.DwellSeconds), moments.DwellSquares, 6);
        Assert.Equal(visits.Sum(v => v.AttentionSeconds * v.AttentionSeconds), moments.AttentionSquares, 6);
    }

    public async ValueTask DisposeAsync() => await _stores.DisposeAsync();

    /// <summary>The previous version's store: migration 003's columns gone and it not recorded,
    /// the rows as that version's ingest wrote them (the columns before 003 are written the same).</summary>
    private static async Task MakePreviousVersionAsync(StorageSettings settings)
    {
        const string Migration = "003-hourly-moments";
        var (_, _, sql) = Migrator.Scripts.Single(s => s.Name == Migration);
        foreach (var column in sql.Split('\n').Where(l => l.StartsWith("ALTER TABLE hourly ADD COLUMN ", StringComparison.Ordinal)).Select(l => l.Split(' ')[5]))
        {
            await TestStores.ExecuteAsync(settings, $"ALTER TABLE hourly DROP COLUMN {column}");
        }
        await TestStores.ForgetMigrationAsync(settings, Migration);
    }

    private sealed class Close : IEqualityComparer<(double, double, double)>
    {
        public bool Equals((double, double, double) x, (double, double, double) y) =>
            Math.Abs(x.Item1 - y.Item1) < 1e-6 && Math.Abs(x.Item2 - y.Item2) < 1e-6 && Math.Abs(x.Item3 - y.Item3) < 1e-6;

        public int GetHashCode((double, double, double) obj) => 0;
    }
}
