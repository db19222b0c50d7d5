using EdgeEmotion.Collector.Tests.Ingest;
using static EdgeEmotion.Collector.Tests.EndToEnd.RunningApi;

namespace EdgeEmotion.Collector.Tests.EndToEnd;

/// <summary>
/// The whole way from a camera to a report: the real daemon process plays a real clip
/// (<c>../shared/data/clips</c>, people counted by eye in its README) into mosquitto while the real
/// collector process stores what it publishes; a plain subscriber records the same messages. The
/// collector's API must hold exactly the windows and visits the daemon sent, once each, gap-free,
/// and report the clip's visits for the period and under the daemon's <c>Site</c>.
/// </summary>
public sealed class DaemonToCollectorTests(PersistentMosquitto broker) : IDisposable
{
    private const double ClipFps = 12;

    /// <summary>The walking pair: two people by eye, which the daemon counts with this minimum dwell
    /// (their faces are large enough for the detector only in the clip's last second;
    /// VisitsEndToEndTests in the daemon's tests).</summary>
    private const string Clip = "face-demographics-walking";
    private const int PeopleByEye = 2;
    private const string MinDwell = "--Visits:MinDwellSeconds=0.3";
    private const string Site = "Store 12 – Main Street";
    private const double WindowSeconds = 1;

    private readonly string _prefix = "e" + Guid.NewGuid().ToString("N")[..8];
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task The_collector_stores_exactly_the_windows_and_visits_the_daemon_published_and_reports_them_by_site()
    {
        const string Device = "kiosk-e2e";
        var api = $"http://127.0.0.1:{LoopbackPort.Free().ToString(CultureInfo.InvariantCulture)}";
        using var collector = await CollectorProcess.StartAsync(broker.Port, _prefix, $"{_prefix}-collector", _prefix,
            [$"--StateDirectory={_folder.Combine("collector")}"], api);
        using var http = new HttpClient { BaseAddress = new Uri(api) };
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, $"{_prefix}/{Device}/#");

        using (var daemon = DaemonProcess.Start(ProgramBuild.StartInfo("edgeemotion-daemon",
        [
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={broker.Port}", $"--Mqtt:TopicPrefix={_prefix}", $"--DeviceId={Device}",
            $"--StateDirectory={_folder.Combine("daemon")}", $"--Site={Site}", $"--Aggregation:WindowSeconds={WindowSeconds}", MinDwell,
            $"--Source:Uri=images://{Path.Combine(RepoPaths.Shared, "data", "clips", Clip)}?fps={ClipFps}&loop=false&realtime=false",
        ])))
        {
            Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(120)), daemon.Output);
            Assert.True(daemon.ExitCode == 0, daemon.Output);
        }
        await recorder.WaitForAsync(m => m.Topic.EndsWith("/status", StringComparison.Ordinal) && m.Payload == "offline");

        // What the daemon published, as a plain subscriber saw it, and by its own count.
        var windows = Payloads(recorder, "emotions");
        var visits = Payloads(recorder, "visits");
        var published = Payloads(recorder, "stats")[^1].GetProperty("visits_published").GetInt64();
        Assert.Equal(published, visits.Count);
        Assert.Equal(PeopleByEye, visits.Count);
        Assert.NotEmpty(windows);
        var messages = windows.Count + visits.Count;

        await Wait.Until(() => Get(http, "/api/v1/health").GetProperty("messages_stored").GetInt64() >= messages,
            $"the collector to store the {messages} windows and visits", seen: () => $"{Get(http, "/api/v1/health")}; {collector.Output}");
        await Wait.Until(() => Get(http, "/api/v1/devices").GetProperty("devices").EnumerateArray().Single().GetProperty("status").GetString() == "offline",
            "the daemon's last status stored", seen: () => Get(http, "/api/v1/devices").ToString());

        // Exactly those records, each once, with no seq missing.
        var (from, to) = Period(windows, visits);
        var period = $"from={Q(from)}&to={Q(to)}";
        var storedWindows = Get(http, $"/api/v1/windows?{period}&device={Device}").GetProperty("windows").EnumerateArray().ToList();
        var storedVisits = Get(http, $"/api/v1/visits?{period}&device={Device}").GetProperty("visits").EnumerateArray().ToList();
        Assert.Equal(GapFree(windows.Count), Seqs(windows).Order());
        Assert.Equal(GapFree(visits.Count), Seqs(visits).Order());
        Assert.Equal(Seqs(windows).Order(), Seqs(storedWindows).Order());
        Assert.Equal(Seqs(visits).Order(), Seqs(storedVisits).Order());
        Assert.Equal(visits.Select(v => v.GetProperty("emotion").GetString()).Order(), storedVisits.Select(v => v.GetProperty("emotion").GetString()).Order());
        // The person stage's fields as the daemon sent them, visit by visit.
        Assert.Equal(visits.Select(FaceAndLooked).OrderBy(v => v.Seq), storedVisits.Select(FaceAndLooked).OrderBy(v => v.Seq));
        var health = Get(http, "/api/v1/health");
        Assert.Equal((messages, 0L, 0L), (health.GetProperty("messages_stored").GetInt64(), health.GetProperty("duplicates").GetInt64(), health.GetProperty("gap_ranges").GetInt64()));
        Assert.Empty(Get(http, "/api/v1/gaps").GetProperty("gaps").EnumerateArray());

        // The device under its site, and the period's summary for that site reporting the clip's visits.
        var device = Get(http, "/api/v1/devices").GetProperty("devices").EnumerateArray().Single();
        Assert.Equal((Device, Site, 0L), (device.GetProperty("device").GetString(), device.GetProperty("site").GetString(), device.GetProperty("gaps").GetInt64()));
        // Its window length (coverage counts with it) is the daemon's, not that of the partial window its stop cut short.
        Assert.Equal(WindowSeconds, device.GetProperty("window_s").GetDouble());
        var total = Get(http, $"/api/v1/summary?{period}&bucket=hour&site={Uri.EscapeDataString(Site)}").GetProperty("total");
        Assert.Equal((visits.Count, windows.Count), (total.GetProperty("visits").GetInt64(), total.GetProperty("windows").GetInt64()));
        Assert.All(total.GetProperty("emotions").EnumerateObject(),
            e => Assert.Equal(visits.Count(v => v.GetProperty("emotion").GetString() == e.Name), e.Value.GetInt64()));
        Assert.Equal(windows.Sum(w => w.GetProperty("faces").GetInt64()), total.GetProperty("face_frames").GetProperty("faces").GetInt64());
        Assert.Equal(visits.Count(v => v.GetProperty("looked").GetBoolean()), total.GetProperty("watchers").GetInt64());
        Assert.Equal(Math.Round(visits.Average(v => v.GetProperty("face_s").GetDouble()), 3), total.GetProperty("face_s").GetProperty("mean").GetDouble());
        var elsewhere = Get(http, $"/api/v1/summary?{period}&site={Uri.EscapeDataString(Site + " (another)")}").GetProperty("total");
        Assert.Equal((0L, 0L), (elsewhere.GetProperty("visits").GetInt64(), elsewhere.GetProperty("windows").GetInt64()));
    }

    public void Dispose() => _folder.Dispose();

    private static List<JsonElement> Payloads(MqttRecorder recorder, string kind) =>
        [.. recorder.On("/" + kind).Select(m => JsonDocument.Parse(m.Payload).RootElement)];

    private static (long Seq, double FaceS, bool Looked) FaceAndLooked(JsonElement visit) =>
        (visit.GetProperty("seq").GetInt64(), visit.GetProperty("face_s").GetDouble(), visit.GetProperty("looked").GetBoolean());

    private static IEnumerable<long> Seqs(IEnumerable<JsonElement> records) => records.Select(r => r.GetProperty("seq").GetInt64());

    private static IEnumerable<long> GapFree(int count) => Enumerable.Range(1, count).Select(s => (long)s);

    /// <summary>Whole hours around everything published (the summary counts in whole hours).</summary>
    private static (DateTimeOffset From, DateTimeOffset To) Period(List<JsonElement> windows, List<JsonElement> visits)
    {
        var times = windows.SelectMany(w => new[] { w.GetProperty("window_start"), w.GetProperty("window_end") })
            .Concat(visits.SelectMany(v => new[] { v.GetProperty("start"), v.GetProperty("end") }))
            .Select(t => DateTimeOffset.Parse(t.GetString()!, CultureInfo.InvariantCulture).ToUniversalTime()).ToList();
        var first = times.Min();
        var from = first.AddTicks(-(first.UtcTicks % TimeSpan.TicksPerHour));
        var last = times.Max();
        return (from, last.AddTicks(-(last.UtcTicks % TimeSpan.TicksPerHour)).AddHours(1));
    }

    private static string Q(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
