using EdgeEmotion.Collector.Tests.Ingest;

namespace EdgeEmotion.Collector.Tests.Api;

/// <summary><c>/metrics</c> as Prometheus (Debian's, a process of its own) scrapes it from the
/// collector program: what was stored, per device and site, each message once however often the
/// broker delivers it; and each device's health from its last status and stats.</summary>
public sealed class MetricsTests(PersistentMosquitto broker)
{
    private const string Prefix = "metrics";

    private static string Metrics(int port)
    {
        using var client = new HttpClient();
        return client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics")).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task Prometheus_scrapes_what_was_stored_once_per_message()
    {
        using var state = new TempDirectory();
        var port = LoopbackPort.Free();
        using var collector = await CollectorProcess.StartAsync(broker.Port, Prefix, "metrics-collector", Prefix, [$"--StateDirectory={state.Path}"], $"http://127.0.0.1:{port}");
        using var prometheus = PrometheusServer.Scraping($"127.0.0.1:{port}");

        // kiosk-a: 6 windows and 4 visits; kiosk-b: 3 windows. Each visit is happy, looked, 14.5 s
        // of dwell and 9.1 of attention; each window 95 frames, face-frames happy 4 and neutral 3
        // (FleetPublisher). Then everything of kiosk-a again: a redelivery, counted once.
        await using (var fleet = await FleetPublisher.ConnectAsync(broker.Port, Prefix))
        {
            for (var round = 0; round < 2; round++)
            {
                for (var seq = 1; seq <= 6; seq++)
                {
                    await fleet.WindowAsync("kiosk-a", seq);
                }
                for (var seq = 1; seq <= 4; seq++)
                {
                    await fleet.VisitAsync("kiosk-a", seq);
                }
            }
            for (var seq = 1; seq <= 3; seq++)
            {
                await fleet.WindowAsync("kiosk-b", seq);
            }
            // Health: kiosk-a's stats (uptime 100 s, 10 frames/s, nothing waiting) and status.
            await fleet.StatsAsync("kiosk-a", skipped: null);
            await fleet.RawAsync("kiosk-a", "status", "online");
            await fleet.RawAsync("kiosk-b", "status", "online");
            await fleet.RawAsync("kiosk-b", "status", "offline");
        }

        await Wait.Until(() => prometheus.Value("sum(edgeemotion_windows_total)") == 9, "Prometheus to have scraped all nine windows",
            seen: () => $"Prometheus has {prometheus.Value("sum(edgeemotion_windows_total)")}; the collector's /metrics: {Metrics(port)}");
        Assert.Equal(6, await prometheus.ValueAsync("""edgeemotion_windows_total{device="kiosk-a",site="shop-k"}"""));
        Assert.Equal(4, await prometheus.ValueAsync("""edgeemotion_visits_total{device="kiosk-a",emotion="happy"}"""));
        Assert.Equal(4, await prometheus.ValueAsync("sum(edgeemotion_watchers_total)"));
        Assert.Equal(4 * 14.5, await prometheus.ValueAsync("sum(edgeemotion_visit_dwell_seconds_total)"));
        Assert.Equal(4 * 9.1, (double)(await prometheus.ValueAsync("sum(edgeemotion_visit_attention_seconds_total)"))!, 6);
        Assert.Equal(9 * 95, await prometheus.ValueAsync("sum(edgeemotion_window_frames_total)"));
        Assert.Equal(9 * 4, await prometheus.ValueAsync("""sum(edgeemotion_face_frames_total{emotion="happy"})"""));
        Assert.Equal(9 * 3, await prometheus.ValueAsync("""sum(edgeemotion_face_frames_total{emotion="neutral"})"""));
        Assert.Null(await prometheus.ValueAsync("""edgeemotion_face_frames_total{emotion="angry"}"""));
        Assert.Equal(3, await prometheus.ValueAsync("""edgeemotion_windows_total{device="kiosk-b"}"""));

        await Wait.Until(() => prometheus.Value("""edgeemotion_device_online{device="kiosk-b"}""") == 0, "Prometheus to have kiosk-b offline",
            seen: () => Metrics(port));
        Assert.Equal(1, await prometheus.ValueAsync("""edgeemotion_device_online{device="kiosk-a"}"""));
        Assert.Equal(10, await prometheus.ValueAsync("""edgeemotion_device_frames_per_second{device="kiosk-a",site="shop-k"}"""));
        Assert.Equal(0, await prometheus.ValueAsync("""edgeemotion_device_pending_windows{device="kiosk-a"}"""));
        Assert.Equal(100, await prometheus.ValueAsync("""edgeemotion_device_uptime_seconds{device="kiosk-a"}"""));
    }
}
