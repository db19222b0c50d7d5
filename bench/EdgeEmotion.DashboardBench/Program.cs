using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using EdgeEmotion.Core.Statistics;
using EdgeEmotion.Dashboard.Tests;
using EdgeEmotion.DashboardBench;
using EdgeEmotion.Tests;
using MQTTnet;

// edgeemotion-dashboard-bench [run] [--devices 5] [--window 2] [--minutes 60] [--speed 20]
// edgeemotion-dashboard-bench record [--seconds 40]      (writes recorded-demo.jsonl beside Program.cs)
// edgeemotion-dashboard-bench history [--devices 50] [--days 30] [--runs 5]   (the History view; HistoryBenchmark.cs)
// The dashboard fed recorded daemon messages through mosquitto's WebSocket listener, as a fleet
// does, on a clock that runs --speed times faster than the wall clock. It prints the page's memory
// over the simulated hour, the time from a window's publication to the first frame that shows it,
// and the bundle's compressed size. Run from the repository root; needs deploy/install-build-deps.sh.

var options = args.Skip(args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? 1 : 0).Chunk(2)
    .Where(p => p.Length == 2).ToDictionary(p => p[0].TrimStart('-'), p => double.Parse(p[1], CultureInfo.InvariantCulture));
double Option(string name, double fallback) => options.GetValueOrDefault(name, fallback);
var recording = Path.Combine(RepoPaths.Root, "bench", "EdgeEmotion.DashboardBench", "recorded-demo.jsonl");

if (args.FirstOrDefault() == "history")
{
    return await HistoryBenchmark.RunAsync((int)Option("devices", 50), (int)Option("days", 30), (int)Option("runs", 5));
}

if (args.FirstOrDefault() == "record")
{
    return await Recorder.RunAsync(recording, (int)Option("seconds", 40));
}

var devices = (int)Option("devices", 5);
var windowSeconds = Option("window", 2);
var minutes = Option("minutes", 60);
var speed = Option("speed", 20);
var messages = RecordedMessage.Load(recording);

using var broker = new WebSocketMosquitto();
using var client = new MqttClientFactory().CreateMqttClient();
await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("dashboard-bench").Build());
using var browser = HeadlessChromium.Start(1280, 1200, "--enable-precise-memory-info");
var probe = new PageProbe(browser);
var page = new Uri(Path.Combine(RepoPaths.Root, "dashboard", "public", "index.html")).AbsoluteUri + $"?broker={broker.WebSocketUrl}&prefix={FleetReplay.Prefix}";
var replay = new FleetReplay(client, messages, devices, windowSeconds);
var clock = DateTimeOffset.UtcNow;

async Task<double> PaintAfterWindowAsync(string device, string css)
{
    // Armed before publishing, for the seq after the one the page shows now.
    var current = browser.Script($"const e = document.querySelector(\"{css}\"); return e ? e.getAttribute('data-last-seq') : null;") as string;
    probe.Arm(css, "data-last-seq", current is { Length: > 0 } ? long.Parse(current, CultureInfo.InvariantCulture) + 1 : 1);
    var published = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    clock = clock.AddSeconds(windowSeconds);
    await replay.PublishWindowAsync(device, clock);
    return await probe.PaintedAsync(TimeSpan.FromSeconds(30)) - published;
}

async Task WaitForPageAsync(string what, Func<bool> holds)
{
    var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
    while (!holds())
    {
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException($"The page did not show {what}.");
        }
        await Task.Delay(50);
    }
}

browser.Open(page + "#/");
await WaitForPageAsync("its connection", () => browser.Script("return document.querySelector('[data-connection=connected]') !== null;") is true);
var view = FleetReplay.DeviceName(0);
var firstFleet = await PaintAfterWindowAsync("first-window-fleet", "article.card[data-device='first-window-fleet']");
browser.Script($"window.location.hash = '#/device/first-window-device'");
var firstDevice = await PaintAfterWindowAsync("first-window-device", ".charts");
var start = probe.Measure();
browser.Script($"window.location.hash = '#/device/{view}'");
await replay.OnlineAsync();

Console.WriteLine($"Dashboard benchmark: {devices} devices, {windowSeconds:0.#}-second windows, {minutes:0} simulated minutes at {speed:0.#}x, " +
    $"{messages.Count} recorded messages from the demo pictures; the page shows {view} (charts and live faces).");
Console.WriteLine();
Console.WriteLine("| simulated minute | JS heap used MB (after GC) | JS heap total MB | DOM nodes | listeners | renderer RSS MB | windows held | messages sent |");
Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
void Row(string minute, PageProbe.Memory m)
{
    var held = browser.Script("let n = 0; for (const d of window.edgeEmotion.state.devices.values()) n += d.windows.length; return n;");
    Console.WriteLine(FormattableString.Invariant($"| {minute} | {m.JsHeapUsedMb:F1} | {m.JsHeapTotalMb:F1} | {m.DomNodes} | {m.Listeners} | {m.RendererRssMb:F0} | {held} | {replay.Published} |"));
}
Row("before (page loaded, one window)", start);

var ticks = (long)(minutes * 60 / windowSeconds);
var wall = Stopwatch.StartNew();
var highest = start;
for (long tick = 1; tick <= ticks; tick++)
{
    clock = clock.AddSeconds(windowSeconds);
    await replay.WindowAsync(tick, clock, view);
    var due = TimeSpan.FromSeconds(tick * windowSeconds / speed) - wall.Elapsed;
    if (due > TimeSpan.Zero)
    {
        await Task.Delay(due); // pacing of the simulated clock
    }
    if (tick % (long)(600 / windowSeconds) == 0)
    {
        var m = probe.Measure();
        highest = m.JsHeapUsedMb > highest.JsHeapUsedMb ? m : highest;
        Row((tick * windowSeconds / 60).ToString("0", CultureInfo.InvariantCulture), m);
    }
}
Console.WriteLine();
Console.WriteLine(FormattableString.Invariant($"Replayed in {wall.Elapsed.TotalSeconds:F0} s of wall time (target {minutes * 60 / speed:F0} s). Highest JS heap after GC: {highest.JsHeapUsedMb:F1} MB (target < 30 MB)."));

var loadedDevice = new List<double>();
var loadedFleet = new List<double>();
for (var i = 0; i < 5; i++)
{
    loadedDevice.Add(await PaintAfterWindowAsync(view, ".charts"));
}
browser.Script("window.location.hash = '#/'");
await WaitForPageAsync("the fleet view", () => browser.Script("return document.querySelector('[data-view=fleet]') !== null;") is true);
for (var i = 0; i < 5; i++)
{
    loadedFleet.Add(await PaintAfterWindowAsync(view, $"article.card[data-device='{view}']"));
}
Console.WriteLine();
Console.WriteLine("| window published → first frame showing it | ms |");
Console.WriteLine("| --- | ---: |");
Console.WriteLine(FormattableString.Invariant($"| fresh page, fleet view, first window of a new device | {firstFleet:F0} |"));
Console.WriteLine(FormattableString.Invariant($"| fresh page, device view, first window | {firstDevice:F0} |"));
Console.WriteLine(FormattableString.Invariant($"| after the run, device view ({view}, an hour of windows in the charts), median / max of 5 | {Percentiles.Median(loadedDevice.ToArray()):F0} / {loadedDevice.Max():F0} |"));
Console.WriteLine(FormattableString.Invariant($"| after the run, fleet view ({devices} devices), median / max of 5 | {Percentiles.Median(loadedFleet.ToArray()):F0} / {loadedFleet.Max():F0} |"));

Console.WriteLine();
Console.WriteLine("| bundle file | bytes | gzip bytes |");
Console.WriteLine("| --- | ---: | ---: |");
long total = 0;
foreach (var file in new[] { "index.html", "app.js", "app.css" })
{
    var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "dashboard", "public", file));
    using var compressed = new MemoryStream();
    using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
    {
        gzip.Write(bytes);
    }
    total += compressed.Length;
    Console.WriteLine(FormattableString.Invariant($"| {file} | {bytes.Length:N0} | {compressed.Length:N0} |"));
}
Console.WriteLine(FormattableString.Invariant($"| total | | {total:N0} (target ≤ 300 kB) |"));
return 0;

