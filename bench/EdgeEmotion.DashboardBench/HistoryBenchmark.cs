using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Core.Statistics;
using EdgeEmotion.Dashboard.Tests;
using EdgeEmotion.Dashboard.Tests.History;
using EdgeEmotion.Tests;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeEmotion.DashboardBench;

/// <summary>
/// edgeemotion-dashboard-bench history [--devices 50] [--days 30] [--runs 5]
/// The History view of a real collector (run from its build output, SQLite) filled through
/// mosquitto with a seeded fleet (tests' SeededFleet: an hour-long window and two visits per device
/// and hour): the time from the click on "Show" to the first frame after the view has drawn the
/// fleet's hourly history of the whole period, measured in the browser (performance.now()), and
/// how much of it was the summary request (resource timing).
/// </summary>
public static class HistoryBenchmark
{
    private const string Prefix = "bench";

    public static async Task<int> RunAsync(int devices, int days, int runs)
    {
        var first = new DateOnly(2026, 11, 2);
        var names = Enumerable.Range(0, devices).Select(i => $"kiosk-{(char)('a' + (i % 5))}{i:000}").ToList();
        var fleet = SeededFleet.Make(names, new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), [SeededFleet.WeekPattern.Same], [], hours: days * 24);
        Console.WriteLine($"CPU: {CpuDescription.WithCache()}");
        Console.WriteLine($"History benchmark: {devices} devices, {days} days of hour-long windows and {SeededFleet.VisitsPerHour} visits per device and hour ({fleet.Windows.Count:N0} windows, {fleet.Visits.Count:N0} visits), collector on SQLite, browser zone UTC.");

        using var broker = new MosquittoBroker();
        using var state = new TempDirectory();
        var url = $"http://127.0.0.1:{LoopbackPort.Free().ToString(CultureInfo.InvariantCulture)}";
        using var collector = ChildProcess.Start(ProgramBuild.StartInfo("edgeemotion-collector", [$"--Http:Urls={url}", "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={broker.Port.ToString(CultureInfo.InvariantCulture)}",
            $"--Mqtt:TopicPrefix={Prefix}", "--Collector:ClientId=history-bench", $"--StateDirectory={state.Path}", "--Reports:TimeZone=UTC"]));
        await Wait.Until(() => collector.Output.Contains("subscribed", StringComparison.Ordinal) || collector.HasExited, "the collector subscribed", TimeSpan.FromMinutes(2), () => collector.Output);
        using var api = new HttpClient { BaseAddress = new Uri(url) };

        var seeding = Stopwatch.StartNew();
        using (var client = new MqttClientFactory().CreateMqttClient())
        {
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("history-bench-seed").Build());
            var published = 0;
            // In steps mosquitto's queue for the collector holds (max_queued_messages 1000 by default).
            foreach (var step in fleet.Messages().Chunk(500))
            {
                foreach (var (topic, payload) in step)
                {
                    await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"{Prefix}/{topic}").WithPayload(payload)
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
                }
                published += step.Length;
                await Wait.Until(() => Stored(api) >= published, $"the collector stored {published} messages", TimeSpan.FromMinutes(5), () => collector.Output);
            }
            await client.DisconnectAsync();
        }
        Console.WriteLine(FormattableString.Invariant($"Seeded through mosquitto in {seeding.Elapsed.TotalSeconds:F0} s."));

        using var browser = HeadlessChromium.Start(1280, 1200);
        browser.WebDriver.ExecuteCdpCommand("Emulation.setTimezoneOverride", new Dictionary<string, object?> { ["timezoneId"] = "UTC" });
        var last = first.AddDays(days - 1);
        var period = $"scope=fleet&period=custom&from={first:yyyy-MM-dd}&to={last:yyyy-MM-dd}";
        browser.Open($"{url}/#/history?{period}&bucket=day");
        await Wait.Until(() => browser.Script("const v = document.querySelector('[data-view=history]'); return !!v && v.dataset.shown === location.hash && v.dataset.state === 'ready';") is true,
            "the History view's daily buckets", TimeSpan.FromMinutes(2));

        var measured = new List<(double Click, double Request, int Buckets)>();
        for (var run = 0; run < runs + 1; run++) // the first run warms the collector's and the browser's code up; not counted
        {
            var hourly = browser.WebDriver.ExecuteAsyncScript(ClickAndWait, "hour") as IReadOnlyDictionary<string, object>
                ?? throw new InvalidOperationException("the page answered nothing");
            if (!Equals(hourly["state"], "ready"))
            {
                throw new InvalidOperationException($"The History view did not draw the hourly history: {browser.Script("return document.querySelector('.history-status').textContent;")}");
            }
            if (run > 0)
            {
                measured.Add((Convert.ToDouble(hourly["ms"], CultureInfo.InvariantCulture), Convert.ToDouble(hourly["request"], CultureInfo.InvariantCulture), Convert.ToInt32(hourly["buckets"], CultureInfo.InvariantCulture)));
            }
            browser.WebDriver.ExecuteAsyncScript(ClickAndWait, "day");
        }
        var clicks = measured.Select(m => m.Click).ToArray();
        var requests = measured.Select(m => m.Request).ToArray();
        Console.WriteLine();
        Console.WriteLine($"| fleet of {devices}, {days} days by the hour ({measured[0].Buckets} buckets, 6 charts) | median ms | max ms |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine(FormattableString.Invariant($"| click on Show → first frame after the view drew it (target ≤ 1500) | {Percentiles.Median(clicks):F0} | {clicks.Max():F0} |"));
        Console.WriteLine(FormattableString.Invariant($"| of which the summary request (sent → last byte) | {Percentiles.Median(requests):F0} | {requests.Max():F0} |"));
        Console.WriteLine(FormattableString.Invariant($"| runs | {measured.Count} | |"));
        return 0;
    }

    /// <summary>In the page: sets the bucket, clicks Show, and answers once the view shows the new
    /// address, one animation frame later (the frame that paints it): ms since the click, the summary
    /// request's own time, and the buckets drawn.</summary>
    private const string ClickAndWait = """
        const [bucket, done] = arguments;
        const form = document.querySelector('.history-controls');
        form.querySelector("select[name='bucket']").value = bucket;
        performance.clearResourceTimings();
        const start = performance.now();
        form.querySelector("button[type='submit']").click();
        const view = () => document.querySelector('[data-view=history]');
        const check = () => {
          const v = view();
          if (v && v.dataset.shown === location.hash && location.hash.includes('bucket=' + bucket) && v.dataset.state !== 'loading') {
            requestAnimationFrame(() => {
              const ms = performance.now() - start;
              const request = performance.getEntriesByType('resource').find(e => e.name.includes('/api/v1/summary'));
              done({ ms, request: request ? request.responseEnd - request.startTime : -1, buckets: Number(document.querySelector('.history-charts').dataset.buckets), state: v.dataset.state });
            });
          } else {
            requestAnimationFrame(check);
          }
        };
        check();
        """;

    private static long Stored(HttpClient api)
    {
        try
        {
            return JsonDocument.Parse(api.GetStringAsync("/api/v1/health").GetAwaiter().GetResult()).RootElement.GetProperty("messages_stored").GetInt64();
        }
        catch (HttpRequestException)
        {
            return -1;
        }
    }
}
