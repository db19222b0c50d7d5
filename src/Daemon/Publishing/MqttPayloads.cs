using System.Text.Json;
using EdgeEmotion.Core.Labels;
using EdgeEmotion.Daemon.Aggregation;
using EdgeEmotion.Daemon.Hosting;

namespace EdgeEmotion.Daemon.Publishing;

/// <summary>JSON payloads exactly as the MQTT contract orders and names them (snake_case,
/// seven emotion keys in label order, UTC times with Z).</summary>
public static class MqttPayloads
{
    public const int Schema = 1;

    public static byte[] Emotions(EmotionWindow window, long seq, string device, string modelName, string modelSha256) =>
        Write(w =>
        {
            w.WriteNumber("schema", Schema);
            w.WriteString("device", device);
            w.WriteNumber("seq", seq);
            w.WriteString("window_start", Time(window.Start));
            w.WriteString("window_end", Time(window.End));
            w.WriteNumber("frames", window.Frames);
            w.WriteNumber("faces", window.Faces);
            w.WriteStartObject("counts");
            for (var c = 0; c < EmotionLabels.Count; c++)
            {
                w.WriteNumber(EmotionLabels.Names[c], window.Counts[c]);
            }
            w.WriteEndObject();
            w.WriteStartObject("mean_probabilities");
            for (var c = 0; c < EmotionLabels.Count; c++)
            {
                w.WriteNumber(EmotionLabels.Names[c], Math.Round(window.MeanProbabilities[c], 4));
            }
            w.WriteEndObject();
            w.WriteStartObject("model");
            w.WriteString("name", modelName);
            w.WriteString("sha256", modelSha256);
            w.WriteEndObject();
        });

    public static byte[] Stats(StatsSnapshot s, string device) =>
        Write(w =>
        {
            w.WriteNumber("schema", Schema);
            w.WriteString("device", device);
            w.WriteString("time", Time(s.Time));
            w.WriteNumber("uptime_s", Math.Round(s.Uptime.TotalSeconds));
            w.WriteNumber("fps", Math.Round(s.Fps, 2));
            w.WriteNumber("detect_ms_p50", Math.Round(s.DetectMsP50, 2));
            w.WriteNumber("classify_ms_p50", Math.Round(s.ClassifyMsP50, 2));
            w.WriteNumber("pending_windows", s.Outbox.PendingWindows);
            w.WriteNumber("dropped_windows", s.Outbox.DroppedWindows);
            w.WriteString("version", s.Version);
            w.WriteNumber("frames_captured", s.FramesCaptured);
            w.WriteNumber("frames_analysed", s.FramesAnalysed);
            w.WriteNumber("frames_dropped", s.FramesDropped);
            w.WriteNumber("frames_malformed", s.FramesMalformed);
            w.WriteNumber("frames_reused", s.FramesReused);
            w.WriteString("source_state", s.SourceState);
            w.WriteNumber("source_failures", s.SourceFailures);
            w.WriteNumber("resident_memory_mb", Math.Round(s.ResidentMemoryMb, 1));
            w.WriteNumber("faces_invalid", s.FacesInvalid);
            w.WriteNumber("pending_visits", s.Outbox.PendingVisits);
            w.WriteNumber("dropped_visits", s.Outbox.DroppedVisits);
            w.WriteNumber("oldest_pending_s", Math.Round(s.Outbox.OldestPendingSeconds, 1));
            w.WriteNumber("outbox_write_failures", s.Outbox.WriteFailures);
            w.WriteNumber("outbox_in_memory", s.Outbox.InMemory);
            w.WriteNumber("outbox_quarantined", s.Outbox.Quarantined);
        });

    /// <summary>UTC, RFC 3339, always with milliseconds (a partial window can be shorter than a second).</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }
}
