using System.Buffers;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeEmotion.Collector.Tests.Ingest;

/// <summary>Publishes contract-true <c>emotions</c>, <c>visits</c> and <c>stats</c> messages (schema 1)
/// for made-up devices at QoS 1, as daemons do.</summary>
public sealed class FleetPublisher : IAsyncDisposable
{
    private static readonly string[] Labels = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"];
    private readonly IMqttClient _client;
    private readonly string _prefix;

    private FleetPublisher(IMqttClient client, string prefix)
    {
        _client = client;
        _prefix = prefix;
    }

    public static async Task<FleetPublisher> ConnectAsync(int port, string prefix)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("fleet-" + Guid.NewGuid().ToString("N")).Build(), TestContext.Current.CancellationToken);
        return new FleetPublisher(client, prefix);
    }

    public static DateTimeOffset WindowStart(long seq) => new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero).AddSeconds(seq * 10);

    public Task WindowAsync(string device, long seq) => PublishAsync(device, "emotions", w =>
    {
        var start = WindowStart(seq);
        w.WriteNumber("seq", seq);
        w.WriteString("window_start", Time(start));
        w.WriteString("window_end", Time(start.AddSeconds(10)));
        w.WriteNumber("frames", 95);
        w.WriteNumber("faces", 7);
        Emotions(w, "counts", i => i == 3 ? 4 : i == 6 ? 3 : 0);
        Emotions(w, "mean_probabilities", i => i == 3 ? 0.6 : 0.4 / 6);
        w.WriteStartObject("visitors");
        w.WriteNumber("present", 1);
        w.WriteNumber("new", 0);
        w.WriteNumber("looking", 1);
        Emotions(w, "emotions", i => i == 3 ? 1 : 0);
        w.WriteNumber("dwell_s", 10.0);
        w.WriteNumber("attention_s", 4.5);
        w.WriteEndObject();
    });

    public Task VisitAsync(string device, long seq) => PublishAsync(device, "visits", w =>
    {
        var start = WindowStart(seq * 3);
        w.WriteNumber("seq", seq);
        w.WriteString("start", Time(start));
        w.WriteString("end", Time(start.AddSeconds(14.5)));
        w.WriteNumber("dwell_s", 14.5);
        w.WriteNumber("attention_s", 9.1);
        w.WriteNumber("frames", 176);
        w.WriteString("emotion", "happy");
        Emotions(w, "mean_probabilities", i => i == 3 ? 0.7 : 0.05);
        Emotions(w, "emotion_seconds", i => i == 3 ? 10.2 : i == 6 ? 4.3 : 0);
        w.WriteBoolean("looked", true);
    });

    public Task StatsAsync(string device, (long From, long To)? skipped) => PublishAsync(device, "stats", w =>
    {
        w.WriteNumber("uptime_s", 100);
        w.WriteNumber("fps", 10);
        w.WriteNumber("detect_ms_p50", 5);
        w.WriteNumber("classify_ms_p50", 2);
        w.WriteNumber("pending_windows", 0);
        w.WriteString("version", "1.2.3");
        if (skipped is { } s)
        {
            w.WriteStartObject("seq_skipped");
            w.WriteNumber("from", s.From);
            w.WriteNumber("to", s.To);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("seq_skipped");
        }
    }, retain: true);

    public Task RawAsync(string device, string kind, string payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"{_prefix}/{device}/{kind}").WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _client.DisconnectAsync(cancellationToken: CancellationToken.None);
        _client.Dispose();
    }

    private async Task PublishAsync(string device, string kind, Action<Utf8JsonWriter> body, bool retain = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("schema", 1);
            w.WriteString("device", device);
            body(w);
            if (kind != "stats")
            {
                w.WriteStartObject("model");
                w.WriteString("name", "emotion-int8");
                w.WriteString("sha256", "0123");
                w.WriteEndObject();
            }
            w.WriteString("site", "shop-" + device[..1]);
            w.WriteEndObject();
        }
        await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"{_prefix}/{device}/{kind}").WithPayload(buffer.WrittenMemory.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build(), TestContext.Current.CancellationToken);
    }

    private static void Emotions<T>(Utf8JsonWriter w, string name, Func<int, T> value)
    {
        w.WriteStartObject(name);
        for (var i = 0; i < Labels.Length; i++)
        {
            w.WriteNumber(Labels[i], Convert.ToDouble(value(i), CultureInfo.InvariantCulture));
        }
        w.WriteEndObject();
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);
}
