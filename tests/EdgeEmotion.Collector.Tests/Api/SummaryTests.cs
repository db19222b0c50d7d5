namespace EdgeEmotion.Collector.Tests.Api;

/// <summary>The summary over HTTP: local buckets on the days the clocks change, and its figures
/// against the records stored.</summary>
public sealed class SummaryTests(PostgresCluster cluster) : IAsyncDisposable
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private readonly TestStores _stores = new(cluster);
    private readonly List<ApiServer> _servers = [];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2026-03-29", 23)]
    [InlineData("2026-10-25", 25)]
    [InlineData("2026-11-25", 24)]
    public async Task A_local_day_has_as_many_hourly_buckets_as_hours_and_each_holds_its_windows(string day, int hours)
    {
        var (from, to) = LocalDay(day);
        // Five-minute windows from a day before to a day after.
        var windows = Windows("k1", from.AddDays(-1), to.AddDays(1), TimeSpan.FromMinutes(5));
        var api = await ApiOverAsync(windows, to.AddDays(2));

        var summary = await GetAsync(api, $"/api/v1/summary?from={Q(from)}&to={Q(to)}&bucket=hour");
        var buckets = summary.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(hours, buckets.Count);
        Assert.All(buckets, b => Assert.Equal(12, b.GetProperty("windows").GetInt64()));
        Assert.All(buckets, b => Assert.Equal(12, b.GetProperty("windows_expected").GetInt64()));
        Assert.Equal(windows.Count(w => w.Start >= from && w.Start < to), summary.GetProperty("total").GetProperty("windows").GetInt64());
        // Each bucket starts where the last ended, in local time with the offset of its instant.
        var starts = buckets.Select(b => DateTimeOffset.Parse(b.GetProperty("start").GetString()!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(from, starts[0]);
        Assert.All(starts, s => Assert.Equal(Berlin.GetUtcOffset(s), s.Offset));
        Assert.Equal(hours - 1, starts.Zip(starts.Skip(1)).Count(p => p.Second - p.First == TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData("2026-03-29", 23)]
    [InlineData("2026-10-25", 25)]
    public async Task The_tz_parameter_buckets_in_the_zone_asked_for_not_the_collectors(string day, int hours)
    {
        var (from, to) = LocalDay(day);
        var windows = Windows("k1", from.AddDays(-1), to.AddDays(1), TimeSpan.FromMinutes(5));
        var api = await ApiOverAsync(windows, to.AddDays(2), TimeZoneInfo.Utc);

        var inUtc = await GetAsync(api, $"/api/v1/summary?from={Q(from)}&to={Q(to)}&bucket=day");
        Assert.Equal(("UTC", 2), (inUtc.GetProperty("time_zone").GetString(), inUtc.GetProperty("buckets").GetArrayLength()));
        var inBerlin = await GetAsync(api, $"/api/v1/summary?from={Q(from)}&to={Q(to)}&bucket=hour&tz=Europe/Berlin");
        Assert.Equal("Europe/Berlin", inBerlin.GetProperty("time_zone").GetString());
        var buckets = inBerlin.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(hours, buckets.Count);
        Assert.Equal(from, DateTimeOffset.Parse(buckets[0].GetProperty("start").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(from.Offset, DateTimeOffset.Parse(buckets[0].GetProperty("start").GetString()!, CultureInfo.InvariantCulture).Offset);
        var days = (await GetAsync(api, $"/api/v1/summary?from={Q(from)}&to={Q(to)}&bucket=day&tz=Europe/Berlin")).GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(hours * 12, Assert.Single(days).GetProperty("windows").GetInt64());
    }

    /// <summary>A database made for a zone whose offset is not whole hours keeps its rollups in that
    /// zone's local hours (<see cref="HourGrid"/>): a local day has 24 hourly buckets, each from a
    /// whole local hour, holding exactly the visits that started in it, and /health says where the
    /// hours start.</summary>
    [Theory]
    [InlineData("sqlite", "Asia/Kolkata")]
    [InlineData("postgres", "Asia/Kathmandu")]
    [InlineData("sqlite", "America/St_Johns")]
    public async Task In_a_zone_whose_offset_is_not_whole_hours_the_hourly_buckets_are_its_local_hours(string provider, string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var day = new DateTime(2026, 11, 25);
        var from = new DateTimeOffset(day, zone.GetUtcOffset(day));
        var to = from.AddDays(1);
        // A visit every 7 minutes from a day before to a day after: 0 to 2 a quarter of an hour.
        var visits = Enumerable.Range(0, 3 * 24 * 60 / 7).Select(i => Messages.Visit("k1", i + 1, from.AddDays(-1).AddMinutes(7 * i))).ToList();
        var store = await _stores.OpenAsync(_stores.Settings(provider), grid: HourGrid.Of(zone));
        await store.StoreAsync(visits, Cancel);
        var api = await ApiServer.StartAsync(store, zone, new FakeTimeProvider(to.AddDays(2)));
        _servers.Add(api);

        var summary = await GetAsync(api, $"/api/v1/summary?from={Q(from)}&to={Q(to)}&bucket=hour");
        var buckets = summary.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(24, buckets.Count);
        foreach (var (bucket, hour) in buckets.Select((b, h) => (b, h)))
        {
            var start = from.AddHours(hour);
            Assert.Equal(start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), bucket.GetProperty("start").GetString());
            Assert.Equal(visits.Count(v => v.Start >= start && v.Start < start.AddHours(1)), bucket.GetProperty("visits").GetInt64());
        }
        Assert.Equal(visits.Count(v => v.Start >= from && v.Start < to), summary.GetProperty("total").GetProperty("visits").GetInt64());
        var days = await GetAsync(api, $"/api/v1/summary?from={Q(from)}&to={Q(to.AddDays(1))}&bucket=day");
        Assert.Equal([visits.Count(v => v.Start >= from && v.Start < to), visits.Count(v => v.Start >= to && v.Start < to.AddDays(1))],
            days.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("visits").GetInt64()));
        Assert.Equal(HourGrid.Of(zone).Minutes, (await GetAsync(api, "/api/v1/health")).GetProperty("hours_start_at_minute").GetInt32());
    }

    [Fact]
    public async Task Day_buckets_run_from_local_midnight_to_local_midnight()
    {
        var from = LocalMidnight(new DateOnly(2026, 10, 24));
        var to = LocalMidnight(new DateOnly(2026, 10, 27));
        var windows = Windows("k1", from, to, TimeSpan.FromMinutes(10));
        var api = await ApiOverAsync(windows, to);

        var buckets = (await GetAsync(api, $"/api/v1/summary?from={Q(from)}&to={Q(to)}&bucket=day")).GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(["2026-10-24T00:00:00+02:00", "2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00"], buckets.Select(b => b.GetProperty("start").GetString()));
        Assert.Equal([144L, 150, 144], buckets.Select(b => b.GetProperty("windows").GetInt64()));
    }

    [Fact]
    public async Task The_figures_are_those_of_the_records_and_coverage_shows_a_device_that_was_off()
    {
        var start = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
        // k1 sends for two hours, k2 only for the first of them (then it was off).
        var windows = Windows("k1", start, start.AddHours(2), TimeSpan.FromSeconds(10))
            .Concat(Windows("k2", start, start.AddHours(1), TimeSpan.FromSeconds(10))).ToList();
        var random = new Random(7);
        var visits = Enumerable.Range(1, 101).Select(s => Messages.Visit("k1", s, start.AddSeconds(s * 60), dwell: Math.Round(1 + (random.NextDouble() * 60), 1),
            attention: Math.Round(random.NextDouble() * 5, 1), emotion: s % 5 == 0 ? null : s % 7)).ToList();
        var api = await ApiOverAsync([.. windows, .. visits], start.AddHours(2));

        var total = (await GetAsync(api, $"/api/v1/summary?from={Q(start)}&to={Q(start.AddHours(2))}&bucket=hour")).GetProperty("total");
        Assert.Equal(visits.Count, total.GetProperty("visits").GetInt64());
        Assert.Equal(visits.Count(v => v.Watcher), total.GetProperty("watchers").GetInt64());
        Assert.Equal(visits.Average(v => v.DwellSeconds), total.GetProperty("dwell_s").GetProperty("mean").GetDouble(), 2);
        var dwells = visits.Select(v => v.DwellSeconds).Order().ToList();
        Assert.InRange(total.GetProperty("dwell_s").GetProperty("median").GetDouble(), dwells[50] * 0.95, dwells[50] * 1.05);
        var emotions = total.GetProperty("emotions");
        Assert.Equal(["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"], emotions.EnumerateObject().Select(p => p.Name));
        Assert.Equal(visits.Count(v => v.Emotion == 3), emotions.GetProperty("happy").GetInt64());
        Assert.Equal(visits.Sum(v => v.EmotionSeconds[6]), total.GetProperty("emotion_seconds").GetProperty("neutral").GetDouble(), 2);
        Assert.Equal(windows.Sum(w => (long)w.FaceFrames[3]), total.GetProperty("face_frames").GetProperty("counts").GetProperty("happy").GetInt64());
        Assert.Equal((windows.Count, 2 * 720L), (total.GetProperty("windows").GetInt64(), total.GetProperty("windows_expected").GetInt64())); // two devices, two hours of 10 s windows

        var k2 = (await GetAsync(api, $"/api/v1/summary?from={Q(start)}&to={Q(start.AddHours(2))}&bucket=hour&device=k2")).GetProperty("buckets").EnumerateArray()
            .Select(b => (b.GetProperty("windows").GetInt64(), b.GetProperty("windows_expected").GetInt64()));
        Assert.Equal([(360L, 360L), (0L, 360L)], k2);
        var site = (await GetAsync(api, $"/api/v1/summary?from={Q(start)}&to={Q(start.AddHours(2))}&site=elsewhere")).GetProperty("total");
        Assert.Equal((0L, 0L), (site.GetProperty("windows").GetInt64(), site.GetProperty("windows_expected").GetInt64()));
    }

    [Fact]
    public async Task Csv_has_a_row_per_bucket_and_the_total_and_raw_pages_link_on()
    {
        var start = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
        var api = await ApiOverAsync([.. Enumerable.Range(1, 12).Select(s => Messages.Visit("k1", s, start.AddMinutes(s * 10)))], start.AddHours(3));
        var csv = await api.Client.GetStringAsync($"/api/v1/summary?from={Q(start)}&to={Q(start.AddHours(3))}&bucket=hour&format=csv", Cancel);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["bucket", "hour", "hour", "hour", "total"], lines.Select(l => l.Split(',')[0]));
        Assert.Equal(["5", "6", "1", "12"], lines.Skip(1).Select(l => l.Split(',')[3]));

        var rows = new List<string>();
        var url = $"/api/v1/visits?from={Q(start)}&to={Q(start.AddHours(3))}&limit=5&format=csv";
        while (true)
        {
            using var response = await api.Client.GetAsync(url, Cancel);
            rows.AddRange((await response.Content.ReadAsStringAsync(Cancel)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1));
            if (!response.Headers.TryGetValues("Link", out var link))
            {
                break;
            }
            url = link.Single().Split('>')[0].TrimStart('<');
        }
        Assert.Equal(Enumerable.Range(1, 12).Select(s => s.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r.Split(',')[2]));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
        await _stores.DisposeAsync();
    }

    private async Task<ApiServer> ApiOverAsync(IReadOnlyList<CollectorMessage> messages, DateTimeOffset now, TimeZoneInfo? zone = null)
    {
        var store = await _stores.OpenAsync("sqlite");
        await store.StoreAsync(messages, Cancel);
        var server = await ApiServer.StartAsync(store, zone ?? Berlin, new FakeTimeProvider(now));
        _servers.Add(server);
        return server;
    }

    private static async Task<JsonElement> GetAsync(ApiServer api, string url) =>
        JsonDocument.Parse(await api.Client.GetStringAsync(url, Cancel)).RootElement;

    private static List<WindowRecord> Windows(string device, DateTimeOffset from, DateTimeOffset to, TimeSpan every) =>
        [.. Enumerable.Range(0, (int)((to - from) / every)).Select(i => Messages.Window(device, i + 1, from + (i * every), seconds: (int)every.TotalSeconds))];

    /// <summary>A Berlin day's bounds, from its <c>yyyy-MM-dd</c>.</summary>
    private static (DateTimeOffset From, DateTimeOffset To) LocalDay(string day)
    {
        var date = DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (LocalMidnight(date), LocalMidnight(date.AddDays(1)));
    }

    private static DateTimeOffset LocalMidnight(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Berlin.GetUtcOffset(local));
    }

    private static string Q(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
}
