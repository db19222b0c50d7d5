using System.Globalization;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeEmotion.DashboardBench;

/// <summary>
/// Recorded messages replayed as a fleet on a simulated clock: every device gets the recorded
/// windows in turn (new seq and times), a stats message every 30 s, visits at the recorded rate,
/// and the device on screen its live faces at the contract's most, two a second.
/// </summary>
public sealed class FleetReplay(IMqttClient client, IReadOnlyList<RecordedMessage> recording, int devices, double windowSeconds)
{
    public const string Prefix = "edgeemotion";
    private const double StatsSeconds = 30;
    private const double FacesPerSecond = 2;

    private readonly List<JsonObject> _windows = Of(recording, "emotions");
    private readonly List<JsonObject> _visits = Of(recording, "visits");
    private readonly List<JsonObject> _stats = Of(recording, "stats");
    private readonly List<JsonObject> _faces = Of(recording, "faces");
    private readonly Dictionary<string, long> _windowSeq = [];
    private long _visitSeq;

    public static string DeviceName(int i) => $"kiosk-{i + 1:D2}";

    /// <summary>Messages published so far.</summary>
    public long Published { get; private set; }

    private static List<JsonObject> Of(IReadOnlyList<RecordedMessage> recording, string kind) => [.. recording.Where(m => m.Kind == kind).Select(m => m.ToJson())];

    public async Task OnlineAsync()
    {
        for (var d = 0; d < devices; d++)
        {
            await PublishAsync(DeviceName(d), "status", "online", retained: true, MqttQualityOfServiceLevel.AtLeastOnce);
        }
    }

    /// <summary>Everything that happens in the fleet during one window that ends at <paramref name="end"/>;
    /// <paramref name="tick"/> counts windows from the start.</summary>
    public async Task WindowAsync(long tick, DateTimeOffset end, string viewed)
    {
        var visitEvery = Math.Max(1, _windows.Count / Math.Max(1, _visits.Count));
        for (var d = 0; d < devices; d++)
        {
            var device = DeviceName(d);
            await PublishWindowAsync(device, end);
            if (_visits.Count > 0 && (tick + d) % visitEvery == 0)
            {
                var visit = (JsonObject)_visits[(int)((tick / visitEvery) % _visits.Count)].DeepClone();
                var dwell = visit["dwell_s"]!.GetValue<double>();
                visit["device"] = device;
                visit["seq"] = ++_visitSeq;
                visit["start"] = Time(end.AddSeconds(-dwell));
                visit["end"] = Time(end);
                await PublishAsync(device, "visits", visit.ToJsonString(), retained: false, MqttQualityOfServiceLevel.AtLeastOnce);
            }
            if (_stats.Count > 0 && (long)(tick * windowSeconds / StatsSeconds) != (long)((tick - 1) * windowSeconds / StatsSeconds))
            {
                var stats = (JsonObject)_stats[(int)(tick % _stats.Count)].DeepClone();
                stats["device"] = device;
                stats["time"] = Time(end);
                stats["uptime_s"] = Math.Round(tick * windowSeconds);
                await PublishAsync(device, "stats", stats.ToJsonString(), retained: true, MqttQualityOfServiceLevel.AtMostOnce);
            }
        }
        var perWindow = (int)Math.Round(FacesPerSecond * windowSeconds);
        for (var f = 0; f < perWindow && _faces.Count > 0; f++)
        {
            var faces = (JsonObject)_faces[(int)((tick * perWindow + f) % _faces.Count)].DeepClone();
            faces["device"] = viewed;
            faces["time"] = Time(end.AddSeconds(-windowSeconds + ((f + 1) / FacesPerSecond)));
            await PublishAsync(viewed, "faces", faces.ToJsonString(), retained: false, MqttQualityOfServiceLevel.AtMostOnce);
        }
    }

    /// <summary>One window of <paramref name="device"/>; returns its seq.</summary>
    public async Task<long> PublishWindowAsync(string device, DateTimeOffset end)
    {
        var seq = _windowSeq[device] = _windowSeq.GetValueOrDefault(device) + 1;
        var window = (JsonObject)_windows[(int)((seq - 1) % _windows.Count)].DeepClone();
        window["device"] = device;
        window["seq"] = seq;
        window["window_start"] = Time(end.AddSeconds(-windowSeconds));
        window["window_end"] = Time(end);
        await PublishAsync(device, "emotions", window.ToJsonString(), retained: false, MqttQualityOfServiceLevel.AtLeastOnce);
        return seq;
    }

    private async Task PublishAsync(string device, string kind, string payload, bool retained, MqttQualityOfServiceLevel qos)
    {
        await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"{Prefix}/{device}/{kind}").WithPayload(payload).WithRetainFlag(retained).WithQualityOfServiceLevel(qos).Build());
        Published++;
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
