namespace EdgeEmotion.Dashboard.Tests.History;

/// <summary>The History view in the browser, read through what it shows (its elements and their
/// data- attributes) and the requests it made (the browser's resource timing).</summary>
public sealed class HistoryPage(HeadlessChromium browser)
{
    public HeadlessChromium Browser => browser;

    /// <summary>The browser's time zone from now on (Chromium's DevTools override), before a page is opened.</summary>
    public void InZone(string zone) =>
        browser.WebDriver.ExecuteCdpCommand("Emulation.setTimezoneOverride", new Dictionary<string, object?> { ["timezoneId"] = zone });

    /// <summary>A phone's screen from now on (DevTools' device metrics: headless Chromium's window
    /// is at least 500 px wide whatever size it is given).</summary>
    public void AsPhone(int width = 375, int height = 812) =>
        browser.WebDriver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = width,
            ["height"] = height,
            ["deviceScaleFactor"] = 1,
            ["mobile"] = true,
        });

    /// <summary>Opens an address and waits until the view shows what its hash asks for.</summary>
    public Task OpenAsync(string url)
    {
        browser.Open(url);
        return ShownAsync();
    }

    /// <summary>Waits until the view has drawn (or refused) what the address asks for now.</summary>
    public Task ShownAsync() => Wait.Until(
        () => browser.Script("const v = document.querySelector('[data-view=history]'); return !!v && v.dataset.shown === window.location.hash && v.dataset.state !== 'loading';") is true,
        "the History view showing its address", TimeSpan.FromSeconds(120), () => Text);

    public string State => Attribute("[data-view=history]", "data-state") ?? "";

    public string Status => browser.Script("return document.querySelector('.history-status')?.textContent ?? '';") as string ?? "";

    public string Hash => browser.Script("return window.location.hash;") as string ?? "";

    public string Text => browser.Script("return document.body.innerText;") as string ?? "";

    /// <summary>A total of panel "a" (the period) or "b" (the one compared with), as the API gave it.</summary>
    public double? Total(string key, string panel = "a") =>
        double.TryParse(Attribute($"[data-totals='{panel}'] [data-total='{key}']", "data-value"), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    public int Buckets => int.Parse(Attribute(".history-charts", "data-buckets") ?? "-1", CultureInfo.InvariantCulture);

    public int LowCoverageBuckets => int.Parse(Attribute(".history-charts", "data-low-coverage") ?? "-1", CultureInfo.InvariantCulture);

    /// <summary>"true", "false" or "null" as the comparison's row of the measure says; null without the row.</summary>
    public string? WithinNoise(string measure) => Attribute($"tr[data-measure='{measure}']", "data-within-noise");

    public IReadOnlyList<(string Measure, string WithinNoise)> Differences =>
        [.. ((IEnumerable<object>?)browser.Script("return [...document.querySelectorAll('tr[data-measure]')].map(r => r.dataset.measure + ' ' + r.dataset.withinNoise);") ?? [])
            .Cast<string>().Select(s => (s.Split(' ')[0], s.Split(' ')[1]))];

    public string? CsvLink(string kind) => browser.Script("const a = document.querySelector(`a[data-csv='${arguments[0]}']`); return a ? a.href : null;", kind) as string;

    public string? Control(string name) => browser.Script("const c = document.querySelector(`.history-controls [name='${arguments[0]}']`); return c ? c.value : null;", name) as string;

    /// <summary>Every address the page fetched from its server since it was opened.</summary>
    public IReadOnlyList<Uri> Requests =>
        [.. ((IEnumerable<object>?)browser.Script("return performance.getEntriesByType('resource').map(e => e.name);") ?? []).Cast<string>().Select(s => new Uri(s))];

    public string Screenshot(string name) => browser.Screenshot(Path.Combine(DashboardPage.ScreenshotFolder, name + ".png"));

    private string? Attribute(string css, string name) =>
        browser.Script("const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;", css, name) as string;
}
