using System.Text;
using EdgeEmotion.Collector.Ingest;
using EdgeEmotion.Contracts;

namespace EdgeEmotion.Collector.Tests.Api;

/// <summary>The person stage's visit fields (<c>face_s</c>, <c>looked</c>) from the contract's
/// golden payloads through the collector's reading and store to its API, on both providers: kept
/// as sent (null from a device without them) in the raw visits, JSON and CSV; the summary's
/// watchers follow <c>looked</c> where sent and attention where not, and its <c>face_s</c> is
/// over the visits that sent it only.</summary>
public sealed class FaceTimeTests(PostgresCluster cluster) : IAsyncDisposable
{
    private readonly TestStores _stores = new(cluster);
    private readonly List<ApiServer> _servers = [];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public async Task Face_time_and_looked_are_stored_as_sent_and_summed_over_the_visits_that_sent_them(string provider)
    {
        var people = Visit("visits-people.json");                               // face_s 12.3, looked
        var noFace = Visit("visits-face-never-classified.json");                // face_s 0, not looked
        var older = Visit("visits-older-device.json");                          // neither: attention 9.1 s makes it a watcher
        // Attention enough for the old rule, but the device says it did not look (its WatcherSeconds is higher).
        var notLooked = Visit("visits-people.json", json => json.Replace("\"seq\":5814", "\"seq\":5816", StringComparison.Ordinal)
            .Replace("\"face_s\":12.3,\"looked\":true", "\"face_s\":3.5,\"looked\":false", StringComparison.Ordinal));
        VisitRecord[] visits = [older, people, noFace, notLooked];
        Assert.Equal([null, 12.3, 0, 3.5], visits.Select(v => v.FaceSeconds));
        var store = await _stores.OpenAsync(provider);
        await store.StoreAsync(visits, Cancel);
        var api = await ApiAsync(store);
        var (from, to) = (Hour(people.Start), Hour(people.Start).AddHours(1));

        var json = await GetAsync(api, $"/api/v1/visits?from={Q(from)}&to={Q(to)}");
        var rows = json.GetProperty("visits").EnumerateArray().ToDictionary(v => v.GetProperty("seq").GetInt64());
        Assert.Equal(JsonValueKind.Null, rows[older.Seq].GetProperty("face_s").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[older.Seq].GetProperty("looked").ValueKind);
        Assert.True(rows[older.Seq].GetProperty("watcher").GetBoolean());
        Assert.Equal((12.3, true), (rows[people.Seq].GetProperty("face_s").GetDouble(), rows[people.Seq].GetProperty("looked").GetBoolean()));
        Assert.Equal((0.0, false), (rows[noFace.Seq].GetProperty("face_s").GetDouble(), rows[noFace.Seq].GetProperty("looked").GetBoolean()));
        Assert.Equal((3.5, false, false), (rows[notLooked.Seq].GetProperty("face_s").GetDouble(), rows[notLooked.Seq].GetProperty("looked").GetBoolean(),
            rows[notLooked.Seq].GetProperty("watcher").GetBoolean()));

        var csv = (await api.Client.GetStringAsync($"/api/v1/visits?from={Q(from)}&to={Q(to)}&format=csv", Cancel)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = csv[0].Split(',');
        var (seqAt, faceAt, lookedAt) = (Array.IndexOf(header, "seq"), Array.IndexOf(header, "face_s"), Array.IndexOf(header, "looked"));
        var cells = csv.Skip(1).Select(l => l.Split(',')).ToDictionary(c => long.Parse(c[seqAt], CultureInfo.InvariantCulture), c => (c[faceAt], c[lookedAt]));
        Assert.Equal(("", ""), cells[older.Seq]);
        Assert.Equal(("12.3", "true"), cells[people.Seq]);
        Assert.Equal(("0", "false"), cells[noFace.Seq]);
        Assert.Equal(("3.5", "false"), cells[notLooked.Seq]);

        var total = (await GetAsync(api, $"/api/v1/summary?from={Q(from)}&to={Q(to)}&bucket=hour")).GetProperty("total");
        Assert.Equal(visits.Length, total.GetProperty("visits").GetInt64());
        Assert.Equal(2, total.GetProperty("watchers").GetInt64()); // people (looked) and older (attention); not notLooked
        var face = total.GetProperty("face_s");
        var sent = visits.Where(v => v.FaceSeconds is not null).Select(v => v.FaceSeconds!.Value).Order().ToList();
        Assert.Equal(sent.Count, face.GetProperty("visits").GetInt64());
        Assert.Equal(Math.Round(sent.Average(), 3), face.GetProperty("mean").GetDouble());
        Assert.InRange(face.GetProperty("median").GetDouble(), sent[1] * 0.95, sent[1] * 1.05);

        var summaryCsv = (await api.Client.GetStringAsync($"/api/v1/summary?from={Q(from)}&to={Q(to)}&bucket=hour&format=csv", Cancel)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var summaryHeader = summaryCsv[0].Split(',');
        var totalRow = summaryCsv[^1].Split(',');
        Assert.Equal(sent.Count.ToString(CultureInfo.InvariantCulture), totalRow[Array.IndexOf(summaryHeader, "face_s_visits")]);
        Assert.Equal(face.GetProperty("mean").GetDouble(), double.Parse(totalRow[Array.IndexOf(summaryHeader, "face_s_mean")], CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public async Task Visits_of_devices_without_face_time_give_none_and_the_fields_before_stay_as_they_were(string provider)
    {
        var older = Visit("visits-older-device.json");
        var store = await _stores.OpenAsync(provider);
        await store.StoreAsync([older], Cancel);
        var api = await ApiAsync(store);

        var total = (await GetAsync(api, $"/api/v1/summary?from={Q(Hour(older.Start))}&to={Q(Hour(older.Start).AddHours(1))}&bucket=hour")).GetProperty("total");
        Assert.Equal((1L, 1L), (total.GetProperty("visits").GetInt64(), total.GetProperty("watchers").GetInt64()));
        Assert.Equal(older.DwellSeconds, total.GetProperty("dwell_s").GetProperty("mean").GetDouble());
        var face = total.GetProperty("face_s");
        Assert.Equal(0, face.GetProperty("visits").GetInt64());
        Assert.Equal(JsonValueKind.Null, face.GetProperty("mean").ValueKind);
        Assert.Equal(JsonValueKind.Null, face.GetProperty("median").ValueKind);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
        await _stores.DisposeAsync();
    }

    private static VisitRecord Visit(string golden, Func<string, string>? edit = null)
    {
        var json = Encoding.UTF8.GetString(GoldenPayloads.Read(golden));
        return MessageMapping.Visit(VisitMessage.Read(Encoding.UTF8.GetBytes(edit is null ? json : edit(json))));
    }

    private async Task<ApiServer> ApiAsync(CollectorStore store)
    {
        var server = await ApiServer.StartAsync(store, TimeZoneInfo.Utc, new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        _servers.Add(server);
        return server;
    }

    private static DateTimeOffset Hour(DateTimeOffset time) => new(time.Year, time.Month, time.Day, time.Hour, 0, 0, time.Offset);

    private static async Task<JsonElement> GetAsync(ApiServer api, string url) =>
        JsonDocument.Parse(await api.Client.GetStringAsync(url, Cancel)).RootElement;

    private static string Q(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
}
