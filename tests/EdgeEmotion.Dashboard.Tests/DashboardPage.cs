namespace EdgeEmotion.Dashboard.Tests;

/// <summary>The dashboard in the browser, read as a person reads it: through what the page shows
/// (its elements and their data- attributes), never through the page's internal state.</summary>
public sealed class DashboardPage(HeadlessChromium browser)
{
    /// <summary>Screenshots of each view, kept as test artifacts (the README's come from here).</summary>
    public static string ScreenshotFolder => Path.Combine(RepoPaths.Root, "out", "dashboard-screenshots");

    public static string FileUrl(string query) => new Uri(Path.Combine(RepoPaths.Root, "dashboard", "public", "index.html")).AbsoluteUri + query;

    public HeadlessChromium Browser => browser;

    public void Open(string url) => browser.Open(url);

    public void ShowDevice(string device) => browser.Script($"window.location.hash = '#/device/{device}'");

    public void ShowFleet() => browser.Script("window.location.hash = '#/'");

    public string? Connection => Attribute("[data-connection]", "data-connection");

    public string? CardStatus(string device) => Attribute($"article.card[data-device='{device}']", "data-status");

    public int CardWindows(string device) => Number(Attribute($"article.card[data-device='{device}']", "data-windows"));

    public long? CardLastSeq(string device) =>
        long.TryParse(Attribute($"article.card[data-device='{device}']", "data-last-seq"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seq) ? seq : null;

    public string? DeviceStatus => Attribute(".device-header [data-status]", "data-status");

    public int ChartPoints => Number(Attribute(".charts", "data-points"));

    public int FaceBoxes => Number(Attribute("svg.frame", "data-boxes"));

    /// <summary>The last window's seq, visitors and face-frames on the device's card, read together.</summary>
    public (long Seq, int Present, int FaceFrames)? CardLastWindow(string device) =>
        browser.Script($"const c = document.querySelector(\"article.card[data-device='{device}']\"); const v = c && c.querySelector('.visitors'); return v ? [c.getAttribute('data-last-seq'), v.getAttribute('data-present'), v.getAttribute('data-face-frames')].join(' ') : null;") is string all
            ? (long.Parse(all.Split(' ')[0], CultureInfo.InvariantCulture), int.Parse(all.Split(' ')[1], CultureInfo.InvariantCulture), int.Parse(all.Split(' ')[2], CultureInfo.InvariantCulture))
            : null;

    public IReadOnlyList<string> VisitRows =>
        [.. ((IEnumerable<object>?)browser.Script("return [...document.querySelectorAll('.visits tbody tr')].map(r => r.innerText.replace(/\\s+/g, ' ').trim());") ?? []).Cast<string>()];

    public string Text => browser.Script("return document.body.innerText;") as string ?? "";

    /// <summary>Polls the page; generous, as CI runs every test class on two cores.</summary>
    public Task Until(Func<DashboardPage, bool> condition, string what, double seconds = 120) =>
        Wait.Until(() => Holds(condition), what, TimeSpan.FromSeconds(seconds), () => Text.Length > 1500 ? Text[..1500] : Text);

    /// <summary>A page too busy to answer a script in time has not yet shown it.</summary>
    private bool Holds(Func<DashboardPage, bool> condition)
    {
        try
        {
            return condition(this);
        }
        catch (OpenQA.Selenium.WebDriverTimeoutException)
        {
            return false;
        }
    }

    public string Screenshot(string name) => browser.Screenshot(Path.Combine(ScreenshotFolder, name + ".png"));

    /// <summary>Read in the page in one step: the page replaces a card when its device changes,
    /// so an element found in one call may be gone by the next.</summary>
    private string? Attribute(string css, string name) =>
        browser.Script("const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;", css, name) as string;

    private static int Number(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
