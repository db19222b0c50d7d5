using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeEmotion.Dashboard.Tests;

/// <summary>
/// What the page does with messages a daemon would not normally send in a test run (late and
/// duplicate windows, an hour of history, a silent device, a hostile device name), published by a
/// plain MQTT client to mosquitto and read from the page in headless Chromium.
/// </summary>
public sealed class PageBehaviourTests(WebSocketMosquitto broker) : IClassFixture<WebSocketMosquitto>, IAsyncLifetime
{
    private readonly IMqttClient _publisher = new MqttClientFactory().CreateMqttClient();
    private readonly string _prefix = "page-" + Guid.NewGuid().ToString("N")[..8];
    private HeadlessChromium? _browser;

    private DashboardPage Page => new(_browser!);

    public async ValueTask InitializeAsync()
    {
        await _publisher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).Build(), TestContext.Current.CancellationToken);
        _browser = HeadlessChromium.Start();
    }

    public async ValueTask DisposeAsync()
    {
        _browser?.Dispose();
        await _publisher.DisconnectAsync();
        _publisher.Dispose();
    }

    private async Task OpenAsync(string hash = "")
    {
        Page.Open(DashboardPage.FileUrl($"?broker={broker.WebSocketUrl}&prefix={_prefix}{hash}"));
        await Page.Until(p => p.Connection == "connected", "the page connected");
    }

    private async Task PublishAsync(string device, string kind, string payload, bool retained = false) =>
        await _publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"{_prefix}/{device}/{kind}").WithPayload(payload)
            .WithRetainFlag(retained).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), TestContext.Current.CancellationToken);

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Window(string device, long seq, DateTimeOffset end, int present, double seconds = 2, int looking = 0) =>
        $$$"""{"schema":1,"device":"{{{device}}}","seq":{{{seq}}},"window_start":"{{{Time(end.AddSeconds(-seconds))}}}","window_end":"{{{Time(end)}}}","frames":10,"faces":{{{present}}},"counts":{"angry":0,"disgust":0,"fear":0,"happy":{{{present}}},"sad":0,"surprise":0,"neutral":0},"mean_probabilities":{"angry":0,"disgust":0,"fear":0,"happy":1,"sad":0,"surprise":0,"neutral":0},"visitors":{"present":{{{present}}},"new":0,"looking":{{{looking}}},"emotions":{"angry":0,"disgust":0,"fear":0,"happy":{{{present}}},"sad":0,"surprise":0,"neutral":0},"dwell_s":0,"attention_s":0},"model":{"name":"m","sha256":"0"}}""";

    [Fact]
    public async Task Late_windows_fall_into_place_and_a_duplicate_is_dropped()
    {
        await OpenAsync("#/device/k1");
        var now = DateTimeOffset.UtcNow;
        await PublishAsync("k1", "emotions", Window("k1", 1, now.AddSeconds(-4), 1));
        await PublishAsync("k1", "emotions", Window("k1", 3, now, 3));
        await PublishAsync("k1", "emotions", Window("k1", 2, now.AddSeconds(-2), 2)); // from the outbox, late
        await PublishAsync("k1", "emotions", Window("k1", 3, now, 3)); // at-least-once: again
        await PublishAsync("k1", "status", "online");
        await Page.Until(p => p.DeviceStatus == "online", "the status after the windows");
        Assert.Equal(3, Page.ChartPoints);
        Page.ShowFleet();
        await Page.Until(p => p.CardLastWindow("k1") is not null, "the card");
        Assert.Equal((3L, 3, 3), Page.CardLastWindow("k1"));
    }

    /// <summary>People, watchers and the look rate (watchers per person present) on the fleet card
    /// and the device view; a visit without a face shows no emotion, and whether it was a watcher.</summary>
    [Fact]
    public async Task People_watchers_and_the_look_rate_are_shown()
    {
        await OpenAsync();
        await PublishAsync("k9", "emotions", Window("k9", 1, DateTimeOffset.UtcNow, present: 4, looking: 1));
        await Page.Until(p => p.CardLastWindow("k9") is not null, "the card");
        string? Card(string attribute) => Page.Browser.Script($"return document.querySelector(\"article.card[data-device='k9'] .visitors\").getAttribute('{attribute}')") as string;
        Assert.Equal(("4", "1", "25"), (Card("data-present"), Card("data-looking"), Card("data-look-rate")));

        await PublishAsync("k9", "visits", $$$"""{"schema":1,"device":"k9","seq":1,"start":"{{{Time(DateTimeOffset.UtcNow.AddSeconds(-8))}}}","end":"{{{Time(DateTimeOffset.UtcNow)}}}","dwell_s":8,"attention_s":0,"frames":0,"emotion":null,"mean_probabilities":null,"emotion_seconds":{"angry":0,"disgust":0,"fear":0,"happy":0,"sad":0,"surprise":0,"neutral":0},"model":{"name":"m","sha256":"0"},"face_s":0,"looked":false}""");
        Page.ShowDevice("k9");
        await Page.Until(p => p.VisitRows.Count == 1, "the visit");
        Assert.Equal("25", Page.Browser.Script("return document.querySelector('.audience').dataset.lookRate") as string);
        Assert.EndsWith("8.0 s 0.0 s 0.0 s no no face", Page.VisitRows[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Windows_older_than_an_hour_before_the_newest_are_let_go()
    {
        await OpenAsync("#/device/k2");
        var now = DateTimeOffset.UtcNow;
        await PublishAsync("k2", "emotions", Window("k2", 1, now.AddMinutes(-61), 1));
        await PublishAsync("k2", "emotions", Window("k2", 2, now.AddMinutes(-59), 1));
        await Page.Until(p => p.ChartPoints == 2, "two windows within the hour");
        await PublishAsync("k2", "emotions", Window("k2", 3, now, 1));
        await Page.Until(p => p.Browser.Script("return document.querySelector('.charts').dataset.lastSeq") as string == "3", "the newest window");
        Assert.Equal(2, Page.ChartPoints);
    }

    [Fact]
    public async Task An_online_device_whose_last_news_is_old_is_flagged_stale_and_a_fresh_one_is_not()
    {
        var old = DateTimeOffset.UtcNow.AddMinutes(-5);
        await PublishAsync("silent", "status", "online", retained: true);
        await PublishAsync("silent", "stats", $$"""{"schema":1,"device":"silent","time":"{{Time(old)}}","uptime_s":60,"fps":5}""", retained: true);
        await PublishAsync("fresh", "status", "online", retained: true);
        await OpenAsync();
        // A window of 60 s: the fresh device counts as silent only after three of them, so a slow
        // machine cannot make it stale before the check.
        await PublishAsync("fresh", "emotions", Window("fresh", 1, DateTimeOffset.UtcNow, 1, seconds: 60));
        await Page.Until(p => p.CardStatus("silent") == "online" && p.CardWindows("fresh") == 1, "both cards");
        await Page.Until(p => p.Browser.Script("return document.querySelector(\"article.card[data-device='silent'] [data-stale]\") !== null;") is true, "the silent device flagged stale");
        Assert.Equal(false, Page.Browser.Script("return document.querySelector(\"article.card[data-device='fresh'] [data-stale]\") !== null;"));
    }

    /// <summary>A device link that is not valid percent-encoding threw "URIError: URI malformed"
    /// and drew nothing: the fleet is shown, with a line saying the link is bad.</summary>
    [Fact]
    public async Task A_malformed_device_link_shows_the_fleet_and_says_the_link_is_bad()
    {
        await PublishAsync("k9", "status", "online", retained: true);
        await OpenAsync("#/device/%E0%A4%A");
        await Page.Until(p => p.CardStatus("k9") == "online", "the fleet with the device's card");
        Assert.Equal("#/device/%E0%A4%A", Page.Browser.Script("return document.querySelector('[data-bad-link]')?.dataset.badLink") as string);
        Assert.Contains("The link #/device/%E0%A4%A names no device", Page.Text, StringComparison.Ordinal);
        Page.ShowDevice("k9");
        await Page.Until(p => p.DeviceStatus == "online", "a good link after the bad one");
        await PublishAsync("k9", "status", "", retained: true);
    }

    /// <summary>100,000 boxes in one <c>faces</c> message (8.5 MB) froze the tab for seconds per
    /// message: 200 are drawn and the caption says how many were left out. 10,000 here (0.9 MB):
    /// the 8.5 MB message did not reach the page through Debian's mosquitto 2.0.11 over WebSockets
    /// within two minutes, and the rule is the same.</summary>
    [Fact]
    public async Task A_faces_message_with_ten_thousand_boxes_draws_two_hundred_and_says_how_many_were_left_out()
    {
        await OpenAsync("#/device/k10");
        await PublishAsync("k10", "status", "online");
        await Page.Until(p => p.DeviceStatus == "online", "the device view");
        const int Boxes = 10_000;
        var faces = string.Join(',', Enumerable.Range(0, Boxes).Select(i => string.Create(CultureInfo.InvariantCulture,
            $$$"""{"id":{{{i}}},"box":[{{{i % 1900}}},{{{i % 1400}}},20,20],"emotion":"happy","probability":0.9,"looking":true}""")));
        await PublishAsync("k10", "faces", $$$"""{"schema":1,"device":"k10","time":"{{{Time(DateTimeOffset.UtcNow)}}}","width":1920,"height":1440,"faces":[{{{faces}}}]}""");
        await Page.Until(p => p.Browser.Script("return document.querySelector('figure.faces')?.dataset.faces") as string == "10000", "the faces message");
        Assert.Equal(200, Page.FaceBoxes);
        Assert.Equal(200L, Page.Browser.Script("return document.querySelectorAll('svg.frame rect').length - 1"));
        Assert.Equal(200L, Page.Browser.Script("return document.querySelectorAll('.face-label').length"));
        Assert.Contains("10000 faces at", Page.Text, StringComparison.Ordinal);
        Assert.Contains("the first 200 drawn, 9800 left out", Page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_in_a_device_name_or_payload_is_shown_as_text()
    {
        const string Hostile = "<img src=x onerror=window.pwned=1>";
        await OpenAsync();
        await PublishAsync(Hostile, "status", "online");
        await PublishAsync(Hostile, "stats", """{"schema":1,"time":"2026-11-25T10:00:00Z","version":"<b onmouseover=window.pwned=2>v</b>","source_state":"<img src=y onerror=window.pwned=3>"}""");
        await Page.Until(p => p.Text.Contains(Hostile, StringComparison.Ordinal) && p.Text.Contains("<img src=y", StringComparison.Ordinal), "the name and the payload as text");
        Assert.Equal(0L, Page.Browser.Script("return document.querySelectorAll('main img, main b').length;"));
        Assert.Null(Page.Browser.Script("return window.pwned ?? null;"));
    }

    [Fact]
    public async Task A_payload_that_is_not_the_contracts_json_is_ignored()
    {
        await OpenAsync("#/device/k3");
        await PublishAsync("k3", "emotions", "not json");
        await PublishAsync("k3", "emotions", """{"seq":"x"}""");
        await PublishAsync("k3", "status", "maybe");
        await PublishAsync("k3", "emotions", Window("k3", 1, DateTimeOffset.UtcNow, 2));
        await Page.Until(p => p.ChartPoints == 1, "the one valid window");
        Assert.Equal(3L, Page.Browser.Script("return window.edgeEmotion.state.ignored;"));
        Assert.Equal("unknown", Page.DeviceStatus); // 'maybe' is no status
    }
}
