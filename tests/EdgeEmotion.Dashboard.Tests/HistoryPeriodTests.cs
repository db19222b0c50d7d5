namespace EdgeEmotion.Dashboard.Tests;

/// <summary>
/// The History view's periods and buckets (<c>dashboard/src/history-period.js</c>, run under node in
/// a chosen zone through TZ: the code the browser runs) against .NET's time zones: days from local
/// midnight to local midnight (23 and 25 hours on the nights the clocks change, a day whose
/// midnight does not exist starting at the first time that does), local hours (also where the
/// offset is not whole hours), weeks from Monday,
/// the previous period of the same length; and its deep links (history-link.js) read back as written.
/// </summary>
public sealed class HistoryPeriodTests
{
    public static TheoryData<string, string, int> DstDays => new()
    {
        { "Europe/Berlin", "2026-03-29", 23 },
        { "Europe/Berlin", "2026-10-25", 25 },
        { "America/New_York", "2026-03-08", 23 },
        { "America/New_York", "2026-11-01", 25 },
        { "America/Sao_Paulo", "2018-11-04", 23 }, // the clocks jumped over midnight: the day starts at 01:00
        { "America/Sao_Paulo", "2019-02-16", 25 },
    };

    public static TheoryData<string> Zones => ["Europe/Berlin", "America/New_York", "America/Sao_Paulo", "Asia/Kolkata", "UTC"];

    [Theory]
    [MemberData(nameof(DstDays))]
    public void A_day_when_the_clocks_change_has_as_many_hourly_buckets_as_hours(string zoneId, string day, int hours)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var date = DateOnly.Parse(day, CultureInfo.InvariantCulture);
        var page = Run(zoneId, new { now = Array.Empty<long>(), days = new[] { day }, custom = Array.Empty<string[]>(), links = Array.Empty<string>() })
            .GetProperty("days")[0];
        var from = LocalMidnight(zone, date);
        var to = LocalMidnight(zone, date.AddDays(1));
        Assert.Equal(hours, (to - from).TotalHours);
        Assert.Equal(from.ToUnixTimeMilliseconds(), page.GetProperty("from").GetInt64());
        Assert.Equal(to.ToUnixTimeMilliseconds(), page.GetProperty("to").GetInt64());
        var starts = Longs(page.GetProperty("hour"));
        Assert.Equal(hours, starts.Length);
        Assert.Equal(Enumerable.Range(0, hours).Select(h => from.AddHours(h).ToUnixTimeMilliseconds()), starts);
        Assert.Equal([from.ToUnixTimeMilliseconds()], Longs(page.GetProperty("dayBuckets")));
    }

    /// <summary>Where the offset is not whole hours (India +05:30, Nepal +05:45, Newfoundland
    /// -03:30), hourly buckets are still the local hours, as a collector made for the zone keeps them.</summary>
    [Theory]
    [InlineData("Asia/Kolkata")]
    [InlineData("Asia/Kathmandu")]
    [InlineData("America/St_Johns")]
    public void Where_the_offset_is_not_whole_hours_hourly_buckets_are_local_hours(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var date = new DateOnly(2026, 11, 25);
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var page = Run(zoneId, new { now = Array.Empty<long>(), days = new[] { day }, custom = Array.Empty<string[]>(), links = Array.Empty<string>() })
            .GetProperty("days")[0];
        var from = LocalMidnight(zone, date);
        Assert.Equal(Enumerable.Range(0, 24).Select(h => from.AddHours(h).ToUnixTimeMilliseconds()), Longs(page.GetProperty("hour")));
        Assert.All(Longs(page.GetProperty("hour")), start => Assert.Equal(0, TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(start), zone).Minute));
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void Named_periods_run_from_local_midnight_and_the_previous_one_has_the_same_days(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        // Afternoons of a plain day and of the day the clocks go forward (Berlin's; elsewhere a plain day too).
        DateTimeOffset[] nows = [Local(zone, new DateTime(2026, 11, 25, 15, 20, 0)), Local(zone, new DateTime(2026, 3, 29, 17, 20, 0))];
        var page = Run(zoneId, new { now = nows.Select(n => n.ToUnixTimeMilliseconds()), days = Array.Empty<string>(), custom = Array.Empty<string[]>(), links = Array.Empty<string>() });
        // The zone the page sends the collector (tz) is this one, maybe under another of its names (Asia/Calcutta).
        var sent = TimeZoneInfo.FindSystemTimeZoneById(page.GetProperty("zone").GetString()!);
        Assert.All(nows, now => Assert.Equal(zone.GetUtcOffset(now), sent.GetUtcOffset(now)));
        foreach (var (now, named) in nows.Zip(page.GetProperty("named").EnumerateArray()))
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
            var nextHour = NextLocalHour(zone, now);
            foreach (var (name, first, days) in new[] { ("today", 0, 1), ("yesterday", -1, 1), ("last7", -6, 7), ("last30", -29, 30) })
            {
                var p = named.GetProperty("periods").GetProperty(name);
                var from = LocalMidnight(zone, today.AddDays(first));
                var end = LocalMidnight(zone, today.AddDays(first + days));
                var to = end <= now ? end : nextHour; // a period that reaches now ends at the next whole local hour
                AssertRange(p.GetProperty("a"), from, to, $"{zoneId} {name} at {now:O}");
                var previous = p.GetProperty("previous");
                var previousFrom = LocalMidnight(zone, today.AddDays(first - days));
                var previousTo = end <= now ? from : Local(zone, TimeZoneInfo.ConvertTime(to, zone).DateTime.AddDays(-days)); // same local time of day
                AssertRange(previous, previousFrom, previousTo, $"{zoneId} previous of {name} at {now:O}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void A_custom_range_counts_its_last_day_and_weeks_start_on_monday(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        string[][] custom = [["2026-03-18", "2026-04-02"], ["2026-10-20", "2026-11-03"], ["2026-04-02", "2026-03-18"]];
        var page = Run(zoneId, new { now = Array.Empty<long>(), days = Array.Empty<string>(), custom, links = Array.Empty<string>() }).GetProperty("custom");
        Assert.True(page[2].GetProperty("refused").GetBoolean()); // from after to is no range
        foreach (var (range, answer) in custom.Take(2).Zip(page.EnumerateArray()))
        {
            var first = DateOnly.Parse(range[0], CultureInfo.InvariantCulture);
            var last = DateOnly.Parse(range[1], CultureInfo.InvariantCulture);
            var days = last.DayNumber - first.DayNumber + 1;
            AssertRange(answer.GetProperty("range"), LocalMidnight(zone, first), LocalMidnight(zone, last.AddDays(1)), $"{zoneId} {range[0]}..{range[1]}");
            AssertRange(answer.GetProperty("previous"), LocalMidnight(zone, first.AddDays(-days)), LocalMidnight(zone, first), $"{zoneId} before {range[0]}");
            Assert.Equal(Enumerable.Range(0, days).Select(d => LocalMidnight(zone, first.AddDays(d)).ToUnixTimeMilliseconds()), Longs(answer.GetProperty("day")));
            var mondays = Enumerable.Range(0, days).Select(first.AddDays).Where(d => d.DayOfWeek == DayOfWeek.Monday).Select(d => LocalMidnight(zone, d).ToUnixTimeMilliseconds());
            // The first week is the one the range starts in, cut at the range's start.
            Assert.Equal([LocalMidnight(zone, first).ToUnixTimeMilliseconds(), .. mondays.Where(m => m > LocalMidnight(zone, first).ToUnixTimeMilliseconds())], Longs(answer.GetProperty("week")));
        }
    }

    [Fact]
    public void A_deep_link_reads_back_as_written_and_a_bad_value_is_named()
    {
        string[] links =
        [
            "#/history?scope=device&device=kiosk%2007&period=custom&from=2026-03-29&to=2026-03-29&bucket=hour&compare=previous",
            "#/history?scope=site&site=shop-a&period=last30&bucket=week&compare=custom&b_from=2026-02-01&b_to=2026-02-28",
            "#/history",
            "#/history?scope=planet&period=fortnight&bucket=minute&from=2026-02-30",
        ];
        var page = Run("UTC", new { now = Array.Empty<long>(), days = Array.Empty<string>(), custom = Array.Empty<string[]>(), links }).GetProperty("links");
        foreach (var link in page.EnumerateArray())
        {
            Assert.Equal(link.GetProperty("state").GetRawText(), link.GetProperty("reparsed").GetRawText());
        }
        Assert.Equal(links[0], page[0].GetProperty("again").GetString());
        Assert.Equal("kiosk 07", page[0].GetProperty("state").GetProperty("name").GetString());
        Assert.Equal(links[1], page[1].GetProperty("again").GetString());
        Assert.Empty(page[0].GetProperty("problems").EnumerateArray());
        Assert.Empty(page[2].GetProperty("problems").EnumerateArray());
        var problems = page[3].GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Equal(["bucket", "from", "period", "scope"], problems.Select(p => p.Split(':')[0]).Order(StringComparer.Ordinal));
        Assert.Equal("fleet", page[3].GetProperty("state").GetProperty("scope").GetString());
    }

    private static void AssertRange(JsonElement range, DateTimeOffset from, DateTimeOffset to, string what)
    {
        Assert.True(from.ToUnixTimeMilliseconds() == range.GetProperty("from").GetInt64(), $"{what}: from {DateTimeOffset.FromUnixTimeMilliseconds(range.GetProperty("from").GetInt64()):O}, expected {from:O}");
        Assert.True(to.ToUnixTimeMilliseconds() == range.GetProperty("to").GetInt64(), $"{what}: to {DateTimeOffset.FromUnixTimeMilliseconds(range.GetProperty("to").GetInt64()):O}, expected {to:O}");
    }

    /// <summary>The collector's rule (BucketCalendar): the first local time of the date that exists;
    /// where midnight happens twice, the first of the two.</summary>
    private static DateTimeOffset LocalMidnight(TimeZoneInfo zone, DateOnly date) =>
        Local(zone, date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified));

    private static DateTimeOffset Local(TimeZoneInfo zone, DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The first whole local hour after <paramref name="now"/> (now itself when it is one).</summary>
    private static DateTimeOffset NextLocalHour(TimeZoneInfo zone, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var floor = now - new TimeSpan(0, 0, local.Minute, local.Second, local.Millisecond);
        return floor == now ? now : floor.AddHours(1);
    }

    private static long[] Longs(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt64())];

    private static JsonElement Run(string zone, object cases)
    {
        var script = Path.Combine(RepoPaths.Root, "tests", "EdgeEmotion.Dashboard.Tests", "history-periods.mjs");
        var (exit, output, error) = Command.ExecApart("node", [script, Path.Combine(RepoPaths.Root, "dashboard", "src"), JsonSerializer.Serialize(cases)],
            TimeSpan.FromMinutes(1), new Dictionary<string, string> { ["TZ"] = zone });
        Assert.True(exit == 0 && error.Length == 0, $"node {script} failed ({exit}): {error}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
