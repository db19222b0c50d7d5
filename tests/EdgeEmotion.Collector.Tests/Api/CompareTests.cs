namespace EdgeEmotion.Collector.Tests.Api;

/// <summary><c>/api/v1/compare</c> over seeded fleets: two weeks of one fleet behaving alike are
/// within noise, a large change is not; the totals are the summary's; CSV is the JSON's rows.</summary>
public sealed class CompareTests(PostgresCluster cluster) : IAsyncDisposable
{
    private static readonly DateTimeOffset WeekA = new(2026, 11, 9, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WeekB = WeekA.AddDays(7);
    private static readonly double[] Mix = [1, 0.5, 0.5, 4, 1, 1, 6];
    private static readonly (string, string)[] Devices = [("k1", "shop-1"), ("k2", "shop-1"), ("k3", "shop-2")];
    private readonly TestStores _stores = new(cluster);
    private readonly List<ApiServer> _servers = [];
    private CollectorStore? _lastStore;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Periods => $"a_from={Q(WeekB)}&a_to={Q(WeekB.AddDays(7))}&b_from={Q(WeekA)}&b_to={Q(WeekB)}";

    [Fact]
    public async Task Two_weeks_of_a_fleet_behaving_alike_are_within_noise()
    {
        var api = await ApiOverAsync(new SeedPhase(WeekA, WeekB, 6, Mix), new SeedPhase(WeekB, WeekB.AddDays(7), 6, Mix));
        var differences = Differences(await GetAsync(api, $"/api/v1/compare?{Periods}"));

        Assert.Equal(Measures, differences.Keys);
        foreach (var measure in new[] { "look_rate", "emotion_share.happy", "face_time_share.happy", "dwell_s.mean", "dwell_s.median", "attention_s.mean", "visits_per_hour" })
        {
            Assert.True(differences[measure].GetProperty("within_noise").GetBoolean(), $"{measure}: {differences[measure]}");
        }
        // 24 intervals at 95 %: about one flags chance; many would mean intervals too narrow.
        Assert.InRange(differences.Values.Count(d => !d.GetProperty("within_noise").GetBoolean()), 0, 3);
    }

    [Fact]
    public async Task A_large_change_is_not_within_noise_and_each_difference_is_a_minus_b()
    {
        double[] happier = [1, 0.5, 0.5, 12, 1, 1, 6];
        var api = await ApiOverAsync(new SeedPhase(WeekA, WeekB, 6, Mix, LookRate: 0.4, MeanDwellSeconds: 20),
            new SeedPhase(WeekB, WeekB.AddDays(7), 9, happier, LookRate: 0.6, MeanDwellSeconds: 30));
        var differences = Differences(await GetAsync(api, $"/api/v1/compare?{Periods}"));

        foreach (var measure in new[] { "look_rate", "emotion_share.happy", "emotion_share.neutral", "face_time_share.happy", "dwell_s.mean", "dwell_s.median", "attention_s.mean", "attention_s.median", "visits_per_hour" })
        {
            var d = differences[measure];
            Assert.False(d.GetProperty("within_noise").GetBoolean(), $"{measure}: {d}");
            Assert.Equal(d.GetProperty("a").GetDouble() - d.GetProperty("b").GetDouble(), d.GetProperty("difference").GetDouble(), 5);
            Assert.InRange(d.GetProperty("difference").GetDouble(), d.GetProperty("low").GetDouble(), d.GetProperty("high").GetDouble());
        }
        Assert.True(differences["emotion_share.happy"].GetProperty("difference").GetDouble() > 0);
        Assert.True(differences["emotion_share.neutral"].GetProperty("difference").GetDouble() < 0);
        Assert.Equal(9, differences["visits_per_hour"].GetProperty("a").GetDouble(), 0.5);
    }

    [Fact]
    public async Task Each_side_is_the_summarys_total_and_the_rows_say_their_kind_method_and_counts()
    {
        var api = await ApiOverAsync(new SeedPhase(WeekA, WeekB, 6, Mix), new SeedPhase(WeekB, WeekB.AddDays(7), 6, Mix));
        var compare = await GetAsync(api, $"/api/v1/compare?{Periods}&site=shop-1&tz=Europe/Berlin");
        var summary = await GetAsync(api, $"/api/v1/summary?from={Q(WeekB)}&to={Q(WeekB.AddDays(7))}&site=shop-1&tz=Europe/Berlin");
        var a = compare.GetProperty("a");
        Assert.Equal(summary.GetProperty("from").GetString(), a.GetProperty("from").GetString());
        Assert.Equal(summary.GetProperty("to").GetString(), a.GetProperty("to").GetString());
        foreach (var property in summary.GetProperty("total").EnumerateObject())
        {
            Assert.Equal(property.Value.GetRawText(), a.GetProperty(property.Name).GetRawText());
        }
        Assert.Equal((0.95, "Europe/Berlin", "shop-1"), (compare.GetProperty("confidence").GetDouble(), compare.GetProperty("time_zone").GetString(), compare.GetProperty("site").GetString()));

        var rows = Differences(compare);
        var visits = a.GetProperty("visits").GetInt64();
        Assert.Equal(("share", "newcombe", visits), (rows["look_rate"].GetProperty("kind").GetString(), rows["look_rate"].GetProperty("method").GetString(), rows["look_rate"].GetProperty("n_a").GetInt64()));
        Assert.Equal(a.GetProperty("watchers").GetInt64() / (double)visits, rows["look_rate"].GetProperty("a").GetDouble(), 6);
        Assert.Equal(a.GetProperty("emotions").EnumerateObject().Sum(e => e.Value.GetInt64()), rows["emotion_share.sad"].GetProperty("n_a").GetInt64());
        Assert.Equal(("mean", "welch"), (rows["dwell_s.mean"].GetProperty("kind").GetString(), rows["dwell_s.mean"].GetProperty("method").GetString()));
        Assert.Equal(a.GetProperty("dwell_s").GetProperty("mean").GetDouble(), rows["dwell_s.mean"].GetProperty("a").GetDouble(), 3);
        Assert.Equal(a.GetProperty("dwell_s").GetProperty("median").GetDouble(), rows["dwell_s.median"].GetProperty("a").GetDouble(), 3);
        Assert.Equal(("median", "price-bonett"), (rows["attention_s.median"].GetProperty("kind").GetString(), rows["attention_s.median"].GetProperty("method").GetString()));
        Assert.Equal(("share", "delta"), (rows["face_time_share.happy"].GetProperty("kind").GetString(), rows["face_time_share.happy"].GetProperty("method").GetString()));
        Assert.Equal(("rate", "poisson"), (rows["visits_per_hour"].GetProperty("kind").GetString(), rows["visits_per_hour"].GetProperty("method").GetString()));
        // Two devices of shop-1, a week of coverage each.
        Assert.Equal(visits / (2 * 7 * 24.0), rows["visits_per_hour"].GetProperty("a").GetDouble(), 5);
    }

    [Fact]
    public async Task Csv_has_the_jsons_rows_and_columns()
    {
        var api = await ApiOverAsync(new SeedPhase(WeekA, WeekB, 2, Mix), new SeedPhase(WeekB, WeekB.AddDays(7), 3, Mix));
        var json = Differences(await GetAsync(api, $"/api/v1/compare?{Periods}&device=k2"));
        var csv = (await api.Client.GetStringAsync($"/api/v1/compare?{Periods}&device=k2&format=csv", Cancel)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string[] columns = ["measure", "kind", "a", "b", "difference", "low", "high", "method", "within_noise", "n_a", "n_b"];
        Assert.Equal(string.Join(',', columns), csv[0]);
        Assert.Equal(json.Count, csv.Length - 1);
        foreach (var line in csv.Skip(1))
        {
            var fields = line.Split(',');
            var row = json[fields[0]];
            Assert.Equal(columns.Select(c => Text(row.GetProperty(c))), fields);
        }
    }

    [Fact]
    public async Task A_side_without_visits_has_nulls_not_errors()
    {
        var api = await ApiOverAsync(new SeedPhase(WeekA, WeekB, 6, Mix));
        var rows = Differences(await GetAsync(api, $"/api/v1/compare?{Periods}"));
        Assert.All(rows.Values, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("a").ValueKind));
        Assert.All(rows.Values, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("within_noise").ValueKind));
        Assert.All(rows.Values, r => Assert.Equal(0, r.GetProperty("n_a").GetInt64()));
    }

    [Fact]
    public async Task An_hour_whose_sums_of_squares_were_not_kept_leaves_means_and_face_time_without_an_interval()
    {
        var api = await ApiOverAsync(new SeedPhase(WeekA, WeekB, 6, Mix), new SeedPhase(WeekB, WeekB.AddDays(7), 6, Mix));
        // As after migration 003 on a store whose raw visits of that hour retention had deleted.
        await using (var connection = await _lastStore!.Dialect.OpenAsync(Cancel))
        {
            await connection.ExecuteAsync(null, $"UPDATE hourly SET moment_visits = 0 WHERE hour_ms = {WeekA.AddHours(5).ToUnixTimeMilliseconds()}", Cancel);
        }
        var rows = Differences(await GetAsync(api, $"/api/v1/compare?{Periods}"));
        foreach (var measure in new[] { "dwell_s.mean", "attention_s.mean", "face_time_share.happy" })
        {
            Assert.Equal((JsonValueKind.Number, JsonValueKind.Null, JsonValueKind.Null), (rows[measure].GetProperty("a").ValueKind, rows[measure].GetProperty("low").ValueKind, rows[measure].GetProperty("within_noise").ValueKind));
        }
        Assert.Equal(JsonValueKind.True, rows["dwell_s.median"].GetProperty("within_noise").ValueKind);
        Assert.Equal(JsonValueKind.True, rows["look_rate"].GetProperty("within_noise").ValueKind);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
        await _stores.DisposeAsync();
    }

    private static IEnumerable<string> Measures =>
    [
        "look_rate", .. Contracts.EmotionLabels.Names.Select(l => $"emotion_share.{l}"), .. Contracts.EmotionLabels.Names.Select(l => $"face_time_share.{l}"),
        "dwell_s.mean", "dwell_s.median", "attention_s.mean", "attention_s.median", "visits_per_hour",
    ];

    private async Task<ApiServer> ApiOverAsync(params SeedPhase[] phases)
    {
        var store = _lastStore = await _stores.OpenAsync("sqlite");
        await FleetSeed.FillAsync(store, new FleetSeedSpec(Devices, phases, WindowSeconds: 600), Cancel);
        var server = await ApiServer.StartAsync(store, TimeZoneInfo.Utc, new FakeTimeProvider(WeekB.AddDays(8)));
        _servers.Add(server);
        return server;
    }

    private static Dictionary<string, JsonElement> Differences(JsonElement compare) =>
        compare.GetProperty("differences").EnumerateArray().ToDictionary(d => d.GetProperty("measure").GetString()!, d => d);

    private static async Task<JsonElement> GetAsync(ApiServer api, string url) =>
        JsonDocument.Parse(await api.Client.GetStringAsync(url, Cancel)).RootElement;

    /// <summary>A JSON value as the CSV writes it: numbers invariant, null empty.</summary>
    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetDouble().ToString(CultureInfo.InvariantCulture),
        _ => value.GetString()!,
    };

    private static string Q(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
}
