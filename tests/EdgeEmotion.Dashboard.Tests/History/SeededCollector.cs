using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeEmotion.Dashboard.Tests.History;

/// <summary>
/// A real collector process on a real mosquitto (with a WebSocket listener for the live page),
/// filled through MQTT with a <see cref="SeededFleet"/> of three devices on two sites over three
/// weeks from Monday 2 November 2026 (Berlin): two identical weeks, then one that changed, with
/// kiosk-b1 off on its Thursday. The collector's own zone is UTC, so buckets in Berlin's days come
/// only from the page's <c>tz</c>. Serves the page at <see cref="Url"/>.
/// </summary>
public sealed class SeededCollector : IAsyncLifetime
{
    public const string Prefix = "hist";
    public const string BrowserZone = "Europe/Berlin";
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(BrowserZone);
    private readonly TempDirectory _state = new();
    private ChildProcess? _collector;
    private string _lastAnswer = "";

    public WebSocketMosquitto Broker { get; } = new();

    public SeededFleet Fleet { get; } = SeededFleet.Make(["kiosk-a1", "kiosk-a2", "kiosk-b1"], LocalMidnight(new DateOnly(2026, 11, 2)),
        [SeededFleet.WeekPattern.Same, SeededFleet.WeekPattern.Same, SeededFleet.WeekPattern.Changed], [("kiosk-b1", 17)]);

    public string Url { get; private set; } = "";

    /// <summary>Where a daemon may serve the page that reads this collector by <c>?api=</c>: the
    /// collector allows that origin (<c>Http:AllowedOrigins</c>).</summary>
    public int DaemonPagePort { get; } = LoopbackPort.Free();

    public HttpClient Api { get; } = new();

    public string Output => _collector?.Output ?? "";

    /// <summary>The instant a local (Berlin) date begins.</summary>
    public static DateTimeOffset LocalMidnight(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Zone.GetUtcOffset(date.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();

    public async ValueTask InitializeAsync()
    {
        var port = LoopbackPort.Free();
        Url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        Api.BaseAddress = new Uri(Url);
        var collector = _collector = ChildProcess.Start(ProgramBuild.StartInfo("edgeemotion-collector", [$"--Http:Urls={Url}", "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={Broker.Port.ToString(CultureInfo.InvariantCulture)}",
            $"--Mqtt:TopicPrefix={Prefix}", "--Collector:ClientId=history-tests", $"--StateDirectory={_state.Path}", "--Reports:TimeZone=UTC",
            $"--Http:AllowedOrigins=http://127.0.0.1:{DaemonPagePort.ToString(CultureInfo.InvariantCulture)}"]));
        await Wait.Until(() => collector.Output.Contains("subscribed", StringComparison.Ordinal) || collector.HasExited, "the collector subscribed",
            TimeSpan.FromMinutes(2), () => collector.Output);
        Assert.False(collector.HasExited, collector.Output);

        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", Broker.Port).WithClientId("history-seed").Build());
        // In steps the broker's queue for the collector holds (mosquitto drops what is over its
        // max_queued_messages, 1000 by default), each stored before the next.
        var published = 0;
        foreach (var step in Fleet.Messages().Chunk(500))
        {
            foreach (var (topic, payload) in step)
            {
                await client.PublishAsync(Message($"{Prefix}/{topic}", payload, retain: false));
            }
            published += step.Length;
            await Wait.Until(() => Stored() >= published, $"the collector stored {published} messages", TimeSpan.FromMinutes(2), () => $"{_lastAnswer}\n{collector.Output}");
        }
        foreach (var device in Fleet.Devices)
        {
            await client.PublishAsync(Message($"{Prefix}/{device}/stats", SeededFleet.StatsPayload(device), retain: true));
            await client.PublishAsync(Message($"{Prefix}/{device}/status", "online"u8.ToArray(), retain: true));
        }
        await client.DisconnectAsync();

        // Stored once all of it is in the whole period's summary.
        var all = $"/api/v1/summary?from={Q(Fleet.Start)}&to={Q(Fleet.End)}&bucket=week";
        await Wait.Until(() => Total(all) is { } t && t.GetProperty("visits").GetInt64() == Fleet.Visits.Count && t.GetProperty("windows").GetInt64() == Fleet.Windows.Count,
            "the collector stored the seeded fleet", TimeSpan.FromMinutes(3), () => $"{_lastAnswer}\n{collector.Output}");
    }

    public static string Q(DateTimeOffset t) => Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    public async Task<string> GetTextAsync(string pathAndQuery) => await Api.GetStringAsync(pathAndQuery);

    private long Stored()
    {
        try
        {
            _lastAnswer = Api.GetStringAsync("/api/v1/health").GetAwaiter().GetResult();
            return JsonDocument.Parse(_lastAnswer).RootElement.GetProperty("messages_stored").GetInt64();
        }
        catch (HttpRequestException ex)
        {
            _lastAnswer = ex.Message;
            return -1;
        }
    }

    private JsonElement? Total(string pathAndQuery)
    {
        try
        {
            _lastAnswer = Api.GetStringAsync(pathAndQuery).GetAwaiter().GetResult();
            return JsonDocument.Parse(_lastAnswer).RootElement.GetProperty("total").Clone();
        }
        catch (HttpRequestException ex)
        {
            _lastAnswer = ex.Message;
            return null;
        }
    }

    private static MqttApplicationMessage Message(string topic, byte[] payload, bool retain) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build();

    public ValueTask DisposeAsync()
    {
        _collector?.Dispose();
        Broker.Dispose();
        Api.Dispose();
        _state.Dispose();
        return ValueTask.CompletedTask;
    }
}
