using System.Web;

namespace EdgeEmotion.Dashboard.Tests.History;

/// <summary>
/// The History view in headless Chromium (in Berlin's zone) on the page a real collector serves,
/// the collector filled through mosquitto with a fleet of known numbers (<see cref="SeededCollector"/>):
/// the totals of a day and a week, a DST day's hours, the CSV link, deep links, a phone's width,
/// and only aggregates asked for.
/// </summary>
public sealed class HistoryViewTests(SeededCollector collector) : IClassFixture<SeededCollector>
{
    private static readonly string[] Aggregates = ["/api/v1/summary", "/api/v1/compare", "/api/v1/devices", "/api/v1/health"];

    private SeededFleet Fleet => collector.Fleet;

    private string Link(string query) => $"{collector.Url}/#/history?{query}";

    [Fact]
    public async Task The_history_shows_the_seeded_totals_of_a_day_in_hours_and_of_a_week_in_days()
    {
        using var browser = HeadlessChromium.Start();
        var page = Started(browser);

        var day = new DateOnly(2026, 11, 10);
        await page.OpenAsync(Link("scope=fleet&period=custom&from=2026-11-10&to=2026-11-10&bucket=hour"));
        Assert.Equal("ready", page.State);
        var (visits, watchers) = Fleet.Totals(SeededCollector.LocalMidnight(day), SeededCollector.LocalMidnight(day.AddDays(1)));
        Assert.True(visits > 0);
        Assert.Equal(visits, page.Total("visits"));
        Assert.Equal(watchers, page.Total("watchers"));
        Assert.Equal((double)watchers / visits, page.Total("look_rate")!.Value, 9);
        Assert.Equal(24, page.Buckets);
        Assert.Equal(0, page.LowCoverageBuckets);
        page.Screenshot("history-day");

        // A site's week in days: its devices only.
        var monday = new DateOnly(2026, 11, 9);
        await page.OpenAsync(Link("scope=site&site=shop-a&period=custom&from=2026-11-09&to=2026-11-15&bucket=day"));
        (visits, watchers) = Fleet.Totals(SeededCollector.LocalMidnight(monday), SeededCollector.LocalMidnight(monday.AddDays(7)), v => v.Site == "shop-a");
        Assert.True(visits > 0 && visits < Fleet.Totals(SeededCollector.LocalMidnight(monday), SeededCollector.LocalMidnight(monday.AddDays(7))).Visits);
        Assert.Equal(visits, page.Total("visits"));
        Assert.Equal(watchers, page.Total("watchers"));
        Assert.Equal(7, page.Buckets);
        page.Screenshot("history-week");
    }

    [Fact]
    public async Task A_device_that_was_off_shows_as_missing_coverage_not_as_an_empty_day()
    {
        using var browser = HeadlessChromium.Start();
        var page = Started(browser);
        var monday = new DateOnly(2026, 11, 16);
        await page.OpenAsync(Link("scope=device&device=kiosk-b1&period=custom&from=2026-11-16&to=2026-11-22&bucket=day"));
        var from = SeededCollector.LocalMidnight(monday);
        var to = SeededCollector.LocalMidnight(monday.AddDays(7));
        var sent = Fleet.Windows.Count(w => w.Device == "kiosk-b1" && w.Start >= from && w.Start < to);
        Assert.Equal((double)sent / (to - from).TotalHours, page.Total("coverage")!.Value, 9); // hour-long windows
        Assert.Equal(1, page.LowCoverageBuckets); // the Thursday it was off
    }

    [Theory]
    [InlineData("2026-03-29", 23)]
    [InlineData("2026-10-25", 25)]
    [InlineData("2026-11-25", 24)]
    public async Task A_day_when_the_clocks_change_shows_as_many_hourly_buckets_as_it_has_hours(string day, int hours)
    {
        using var browser = HeadlessChromium.Start();
        var page = Started(browser);
        await page.OpenAsync(Link($"scope=fleet&period=custom&from={day}&to={day}&bucket=hour"));
        Assert.Equal("ready", page.State);
        Assert.Equal(hours, page.Buckets);
    }

    [Fact]
    public async Task The_csv_link_is_the_summary_request_the_page_made_with_format_csv_and_holds_the_totals_shown()
    {
        using var browser = HeadlessChromium.Start();
        var page = Started(browser);
        await page.OpenAsync(Link("scope=site&site=shop-b&period=custom&from=2026-11-09&to=2026-11-15&bucket=day"));
        var summary = Assert.Single(page.Requests, r => r.AbsolutePath == "/api/v1/summary");
        var csv = new Uri(page.CsvLink("summary")!);
        AssertSameRequestAsCsv(summary, csv);
        Assert.Equal(SeededCollector.BrowserZone, HttpUtility.ParseQueryString(summary.Query)["tz"]);

        var lines = (await collector.GetTextAsync(csv.PathAndQuery)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        var total = lines.Single(l => l.StartsWith("total,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(page.Total("visits"), double.Parse(total[Array.IndexOf(header, "visits")], CultureInfo.InvariantCulture));
        Assert.Equal(page.Total("watchers"), double.Parse(total[Array.IndexOf(header, "watchers")], CultureInfo.InvariantCulture));
        Assert.Equal(page.Buckets, lines.Length - 2); // header and total besides the buckets
    }

    [Fact]
    public async Task Two_weeks_alike_compare_within_noise_and_a_week_that_changed_does_not()
    {
        using var browser = HeadlessChromium.Start();
        var page = Started(browser);

        // The second week against the first, seeded alike.
        await page.OpenAsync(Link("scope=fleet&period=custom&from=2026-11-09&to=2026-11-15&bucket=day&compare=previous"));
        var rows = page.Differences;
        Assert.Contains(rows, r => r.Measure == "look_rate");
        Assert.All(rows.Where(r => r.WithinNoise != "null"), r => Assert.Equal(("within noise", r.Measure), (r.WithinNoise == "true" ? "within noise" : "changed", r.Measure)));
        var monday = new DateOnly(2026, 11, 9);
        // Both periods side by side: A this week, B the week before.
        Assert.Equal(Fleet.Totals(SeededCollector.LocalMidnight(monday), SeededCollector.LocalMidnight(monday.AddDays(7))).Visits, page.Total("visits"));
        Assert.Equal(Fleet.Totals(SeededCollector.LocalMidnight(monday.AddDays(-7)), SeededCollector.LocalMidnight(monday)).Visits, page.Total("visits", "b"));
        page.Screenshot("history-compare-same");

        // The third week, where nineteen in twenty looked instead of one in two, and all were happy.
        await page.OpenAsync(Link("scope=fleet&period=custom&from=2026-11-16&to=2026-11-22&bucket=day&compare=previous"));
        Assert.Equal("false", page.WithinNoise("look_rate"));
        Assert.Equal("false", page.WithinNoise("emotion_share.happy"));
        Assert.Contains("A higher", page.Text, StringComparison.Ordinal);
        page.Screenshot("history-compare-changed");

        // Or against a second range of dates: the first week.
        await page.OpenAsync(Link("scope=fleet&period=custom&from=2026-11-16&to=2026-11-22&bucket=day&compare=custom&b_from=2026-11-02&b_to=2026-11-08"));
        var first = new DateOnly(2026, 11, 2);
        Assert.Equal(Fleet.Totals(SeededCollector.LocalMidnight(first), SeededCollector.LocalMidnight(first.AddDays(7))).Visits, page.Total("visits", "b"));
        Assert.Equal("false", page.WithinNoise("look_rate"));

        // Its CSV is the comparison the page asked for, with format=csv, row for row.
        var compare = page.Requests.Last(r => r.AbsolutePath == "/api/v1/compare"); // the second comparison's
        var csv = new Uri(page.CsvLink("compare")!);
        AssertSameRequestAsCsv(compare, csv);
        var lines = (await collector.GetTextAsync(csv.PathAndQuery)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        Assert.Equal(page.Differences.Select(d => (d.Measure, d.WithinNoise == "null" ? "" : d.WithinNoise)),
            lines.Skip(1).Select(l => l.Split(',')).Select(c => (c[Array.IndexOf(header, "measure")], c[Array.IndexOf(header, "within_noise")].ToLowerInvariant())));
    }

    private static void AssertSameRequestAsCsv(Uri json, Uri csv)
    {
        Assert.Equal(json.AbsolutePath, csv.AbsolutePath);
        var asked = HttpUtility.ParseQueryString(json.Query);
        var linked = HttpUtility.ParseQueryString(csv.Query);
        Assert.Equal("csv", linked["format"]);
        linked.Remove("format");
        Assert.Equal(asked.AllKeys.Order(StringComparer.Ordinal).Select(k => $"{k}={asked[k]}"), linked.AllKeys.Order(StringComparer.Ordinal).Select(k => $"{k}={linked[k]}"));
    }

    [Fact]
    public async Task A_deep_link_reopens_the_same_view_and_the_controls_write_the_address()
    {
        using var browser = HeadlessChromium.Start();
        var page = Started(browser);
        var link = Link("scope=site&site=shop-a&period=custom&from=2026-11-09&to=2026-11-15&bucket=day");
        await page.OpenAsync(link);
        var visits = page.Total("visits");

        // The bucket chosen on the page goes into the address...
        browser.WebDriver.FindElement(OpenQA.Selenium.By.CssSelector(".history-controls select[name='bucket']")).SendKeys("hour");
        await Wait.Until(() => page.Hash.Contains("bucket=hour", StringComparison.Ordinal), "the address taking the bucket", seen: () => page.Hash);
        await page.ShownAsync();
        Assert.Equal(7 * 24, page.Buckets);
        var address = browser.WebDriver.Url;

        // ...and that address, opened afresh, shows the same view.
        browser.Open("about:blank");
        await page.OpenAsync(address);
        Assert.Equal(("site", "shop-a", "custom", "hour"), (page.Control("scope"), page.Control("name"), page.Control("period"), page.Control("bucket")));
        Assert.Equal(("2026-11-09", "2026-11-15"), (page.Control("from"), page.Control("to")));
        Assert.Equal(7 * 24, page.Buckets);
        Assert.Equal(visits, page.Total("visits"));
    }

    [Fact]
    public async Task The_live_fleet_links_each_device_and_its_site_to_their_history()
    {
        using var browser = HeadlessChromium.Start();
        var page = Started(browser);
        var live = new DashboardPage(browser);
        var fleetPage = $"{collector.Url}/?broker={collector.Broker.WebSocketUrl}&prefix={SeededCollector.Prefix}#/";
        live.Open(fleetPage);
        await live.Until(p => p.CardStatus("kiosk-b1") == "online", "kiosk-b1's card from its retained status");
        await live.Until(p => browser.Script("return document.querySelector(\"article.card[data-device='kiosk-b1'] a[data-history='site']\") !== null;") is true, "the card's site link, from its retained stats");
        Assert.DoesNotContain("null", live.Text.Split('\n').Select(l => l.Trim())); // the fleet wrote a missing notice as "null"

        browser.WebDriver.FindElement(OpenQA.Selenium.By.CssSelector("article.card[data-device='kiosk-b1'] a[data-history='device']")).Click();
        await page.ShownAsync();
        Assert.Equal(("device", "kiosk-b1"), (page.Control("scope"), page.Control("name")));
        var week = new DateOnly(2026, 11, 16);
        await page.OpenAsync($"{collector.Url}/?broker={collector.Broker.WebSocketUrl}&prefix={SeededCollector.Prefix}{page.Hash.Replace("period=last7", "period=custom&from=2026-11-16&to=2026-11-22", StringComparison.Ordinal)}");
        Assert.Equal(Fleet.Totals(SeededCollector.LocalMidnight(week), SeededCollector.LocalMidnight(week.AddDays(7)), v => v.Device == "kiosk-b1").Visits, page.Total("visits"));

        browser.Open(fleetPage);
        await live.Until(p => browser.Script("return document.querySelector(\"article.card[data-device='kiosk-a2'] a[data-history='site']\") !== null;") is true, "kiosk-a2's site link");
        browser.WebDriver.FindElement(OpenQA.Selenium.By.CssSelector("article.card[data-device='kiosk-a2'] a[data-history='site']")).Click();
        await page.ShownAsync();
        Assert.Equal(("site", "shop-a"), (page.Control("scope"), page.Control("name")));
    }

    [Fact]
    public async Task At_375_px_nothing_scrolls_sideways_and_every_control_is_on_screen_and_works()
    {
        using var browser = HeadlessChromium.Start();
        var page = Started(browser);
        page.AsPhone();
        await page.OpenAsync(Link("scope=site&site=shop-a&period=custom&from=2026-11-16&to=2026-11-22&bucket=day&compare=previous"));
        var width = Convert.ToDouble(browser.Script("return window.innerWidth;"), CultureInfo.InvariantCulture);
        Assert.Equal(375, width);
        Assert.True(browser.Script("return document.documentElement.scrollWidth <= window.innerWidth;") is true,
            $"the page scrolls sideways: {browser.Script("return document.documentElement.scrollWidth;")} px wide in {width}");
        var outside = (IEnumerable<object>)browser.Script(
            "return [...document.querySelectorAll('.history-controls select, .history-controls input, .history-controls button, a[data-csv]')]" +
            ".filter(e => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > window.innerWidth || r.width < 24 || r.height < 24; }).map(e => e.name || e.textContent);")!;
        Assert.Empty(outside);
        page.Screenshot("history-phone");

        browser.WebDriver.FindElement(OpenQA.Selenium.By.CssSelector(".history-controls select[name='period']")).SendKeys("yesterday");
        await Wait.Until(() => page.Hash.Contains("period=yesterday", StringComparison.Ordinal), "the period chosen on a phone", seen: () => page.Hash);
        await page.ShownAsync();
        Assert.Equal("ready", page.State);
    }

    [Fact]
    public async Task The_page_asks_for_aggregates_only_never_raw_visits_or_windows()
    {
        using var browser = HeadlessChromium.Start();
        var page = Started(browser);
        await page.OpenAsync(Link("scope=fleet&period=custom&from=2026-11-02&to=2026-11-22&bucket=hour&compare=previous"));
        await page.OpenAsync(Link("scope=device&device=kiosk-a1&period=last30&bucket=day"));
        var api = page.Requests.Where(r => r.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal)).Select(r => r.AbsolutePath).Distinct().ToList();
        Assert.Contains("/api/v1/summary", api);
        Assert.All(api, path => Assert.Contains(path, Aggregates));
    }

    [Fact]
    public async Task A_page_served_by_a_daemon_shows_the_collectors_history_when_given_its_address()
    {
        // The daemon's page on one origin, the collector's API on another that allows it: the
        // browser must be let through by the daemon's security policy and the collector's CORS.
        using var state = new TempDirectory();
        var daemonPage = $"http://127.0.0.1:{collector.DaemonPagePort.ToString(CultureInfo.InvariantCulture)}";
        using var daemon = DaemonProcess.Start(
        [
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={collector.Broker.Port.ToString(CultureInfo.InvariantCulture)}", "--DeviceId=kiosk-page",
            $"--StateDirectory={state.Path}", $"--Dashboard:Urls={daemonPage}",
            $"--Source:Uri=images://{Path.Combine(RepoPaths.Shared, "data", "clips", "head-pose-face-detection-male")}?fps=2&loop=true",
        ]);
        Assert.True(LoopbackPort.WaitUntilListening(collector.DaemonPagePort, TimeSpan.FromMinutes(2)), daemon.Output);
        using var browser = HeadlessChromium.Start();
        var page = Started(browser);

        var day = new DateOnly(2026, 11, 10);
        await page.OpenAsync($"{daemonPage}/?api={Uri.EscapeDataString(collector.Url)}#/history?scope=fleet&period=custom&from=2026-11-10&to=2026-11-10&bucket=hour");
        Assert.True(page.State == "ready", $"{page.State}: {page.Status}");
        var (visits, watchers) = Fleet.Totals(SeededCollector.LocalMidnight(day), SeededCollector.LocalMidnight(day.AddDays(1)));
        Assert.Equal(((double)visits, (double)watchers), (page.Total("visits"), page.Total("watchers")));
    }

    private static HistoryPage Started(HeadlessChromium browser)
    {
        var page = new HistoryPage(browser);
        page.InZone(SeededCollector.BrowserZone);
        return page;
    }
}
