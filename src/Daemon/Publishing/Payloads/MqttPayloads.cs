using System.Text.Json;
using EdgeEmotion.Contracts;
using EdgeEmotion.Daemon.Aggregation;
using EdgeEmotion.Daemon.Diagnostics;
using EdgeEmotion.Daemon.Visits;

namespace EdgeEmotion.Daemon.Publishing.Payloads;

/// <summary>JSON payloads exactly as the MQTT contract orders and names them (snake_case,
/// seven emotion keys in label order, UTC times with Z).</summary>
internal static class MqttPayloads
{
    public const int Schema = ContractSchema.Version;

    /// <summary>A closed window (contract section <c>emotions</c>); <paramref name="site"/> only when set.</summary>
    public static byte[] Emotions(EmotionWindow window, long seq, string device, string modelName, string modelSha256, string site = "") =>
        Write(w =>
        {
            Header(w, device, seq);
            w.WriteString("window_start", Time(window.Start));
            w.WriteString("window_end", Time(window.End));
            w.WriteNumber("frames", window.Frames);
            w.WriteNumber("faces", window.Faces);
            Emotions(w, "counts", window.Counts);
            MeanProbabilities(w, window.MeanProbabilities);
            if (window.Visitors is { } v)
            {
                w.WriteStartObject("visitors");
                w.WriteNumber("present", v.Present);
                w.WriteNumber("new", v.New);
                w.WriteNumber("looking", v.Looking);
                Emotions(w, "emotions", v.Emotions);
                w.WriteNumber("dwell_s", Math.Round(v.DwellSeconds, 1));
                w.WriteNumber("attention_s", Math.Round(v.AttentionSeconds, 1));
                w.WriteEndObject();
            }
            Model(w, modelName, modelSha256);
            Site(w, site);
        });

    /// <summary>A finished visit (contract section <c>visits</c>).</summary>
    public static byte[] Visit(Visit visit, long seq, string device, string modelName, string modelSha256, string site = "") =>
        Write(w =>
        {
            Header(w, device, seq);
            w.WriteString("start", Time(visit.Start));
            w.WriteString("end", Time(visit.End));
            w.WriteNumber("dwell_s", Math.Round(visit.DwellSeconds, 1, MidpointRounding.AwayFromZero));
            w.WriteNumber("attention_s", Math.Round(Math.Min(visit.AttentionSeconds, visit.DwellSeconds), 1));
            w.WriteNumber("frames", visit.Frames);
            if (visit.HasFace)
            {
                w.WriteString("emotion", visit.EmotionName);
                MeanProbabilities(w, visit.MeanProbabilities);
            }
            else
            {
                // A person whose face was never classified has no emotion.
                w.WriteNull("emotion");
                w.WriteNull("mean_probabilities");
            }
            w.WriteStartObject("emotion_seconds");
            // Rounded so that they still add up to face_s as published.
            var seconds = visit.EmotionSecondsRounded(1);
            for (var c = 0; c < EmotionLabels.Count; c++)
            {
                w.WriteNumber(EmotionLabels.Names[c], seconds[c]);
            }
            w.WriteEndObject();
            Model(w, modelName, modelSha256);
            // Added with the person stage: the face-time (the dwell with people off) and whether
            // the visitor is a watcher.
            w.WriteNumber("face_s", Math.Round(visit.FaceSeconds, 1, MidpointRounding.AwayFromZero));
            w.WriteBoolean("looked", visit.Looked);
            Site(w, site);
        });

    /// <summary>Live face boxes (contract section <c>faces</c>): no pixels, a process-local track number.</summary>
    public static byte[] Faces(LiveFaces.Snapshot snapshot, string device) =>
        Write(w =>
        {
            w.WriteNumber("schema", Schema);
            w.WriteString("device", device);
            w.WriteString("time", Time(snapshot.Time));
            w.WriteNumber("width", snapshot.Width);
            w.WriteNumber("height", snapshot.Height);
            w.WriteStartArray("faces");
            foreach (var face in snapshot.Faces)
            {
                w.WriteStartObject();
                w.WriteNumber("track", face.TrackId);
                Box(w, face.Box);
                w.WriteString("emotion", face.EmotionName);
                w.WriteNumber("probability", Math.Round(face.Probability, 2));
                w.WriteBoolean("looking", face.Looking);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (snapshot.People is { } people)
            {
                // With the person stage: the people's boxes, so an installer can aim the camera.
                w.WriteStartArray("people");
                foreach (var person in people)
                {
                    w.WriteStartObject();
                    w.WriteNumber("track", person.TrackId);
                    Box(w, person.Box);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
        });

    private static void Box(Utf8JsonWriter w, Core.Preprocessing.FaceBox box)
    {
        w.WriteStartArray("box");
        w.WriteNumberValue((int)MathF.Round(box.X));
        w.WriteNumberValue((int)MathF.Round(box.Y));
        w.WriteNumberValue((int)MathF.Round(box.Width));
        w.WriteNumberValue((int)MathF.Round(box.Height));
        w.WriteEndArray();
    }

    private static void NumberOrNull(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    public static byte[] Stats(StatsSnapshot s, string device, string site = "") =>
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
            w.WriteString("source_state", Name(s.SourceState));
            w.WriteNumber("source_failures", s.SourceFailures);
            w.WriteNumber("resident_memory_mb", Math.Round(s.ResidentMemoryMb, 1));
            w.WriteNumber("faces_invalid", s.FacesInvalid);
            w.WriteNumber("pending_visits", s.Outbox.PendingVisits);
            w.WriteNumber("dropped_visits", s.Outbox.DroppedVisits);
            w.WriteNumber("oldest_pending_s", Math.Round(s.Outbox.OldestPendingSeconds, 1));
            w.WriteNumber("outbox_write_failures", s.Outbox.WriteFailures);
            w.WriteNumber("outbox_in_memory", s.Outbox.InMemory);
            w.WriteNumber("outbox_quarantined", s.Outbox.Quarantined);
            w.WriteNumber("tracks_active", s.TracksActive);
            w.WriteNumber("visits_published", s.Outbox.VisitsPublished);
            w.WriteNumber("visits_too_short", s.VisitsTooShort);
            if (s.Presence is { } presence)
            {
                // Only with a PIR sensor (Gpio:PresencePin); the contract allows added stats fields.
                w.WriteBoolean("presence", presence);
            }
            Range(w, "seq_skipped", s.Outbox.WindowsSkipped);
            Range(w, "visits_seq_skipped", s.Outbox.VisitsSkipped);
            w.WriteString("int8_kernels", s.Int8Kernels); // null for a float model
            w.WriteNumber("managed_heap_mb", Math.Round(s.ManagedHeapMb, 1));
            w.WriteNumber("gc_committed_mb", Math.Round(s.GcCommittedMb, 1));
            // The person stage (null with People:Enabled off).
            NumberOrNull(w, "people_ms_p50", s.PeopleMsP50 is { } peopleMs ? Math.Round(peopleMs, 2) : null);
            NumberOrNull(w, "people_fps", s.PeopleFps is { } peopleFps ? Math.Round(peopleFps, 2) : null);
            Site(w, site);
        });

    /// <summary>A declared gap: <c>{"from": a, "to": b}</c>, or null.</summary>
    private static void Range(Utf8JsonWriter w, string name, SeqRange? range)
    {
        if (range is not { } r)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        w.WriteNumber("from", r.From);
        w.WriteNumber("to", r.To);
        w.WriteEndObject();
    }

    /// <summary>The contract's <c>source_state</c> words.</summary>
    private static string Name(SourceState state) => state switch
    {
        SourceState.Starting => "starting",
        SourceState.Running => "running",
        SourceState.Retrying => "retrying",
        SourceState.Ended => "ended",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>UTC, RFC 3339, always with milliseconds (a partial window can be shorter than a second).</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The fields every message of a numbered stream starts with.</summary>
    private static void Header(Utf8JsonWriter w, string device, long seq)
    {
        w.WriteNumber("schema", Schema);
        w.WriteString("device", device);
        w.WriteNumber("seq", seq);
    }

    private static void MeanProbabilities(Utf8JsonWriter w, double[] probabilities)
    {
        w.WriteStartObject("mean_probabilities");
        for (var c = 0; c < EmotionLabels.Count; c++)
        {
            w.WriteNumber(EmotionLabels.Names[c], Math.Round(probabilities[c], 4));
        }
        w.WriteEndObject();
    }

    private static void Emotions(Utf8JsonWriter w, string name, long[] counts)
    {
        w.WriteStartObject(name);
        for (var c = 0; c < EmotionLabels.Count; c++)
        {
            w.WriteNumber(EmotionLabels.Names[c], counts[c]);
        }
        w.WriteEndObject();
    }

    private static void Model(Utf8JsonWriter w, string name, string sha256)
    {
        w.WriteStartObject("model");
        w.WriteString("name", name);
        w.WriteString("sha256", sha256);
        w.WriteEndObject();
    }

    /// <summary>The store's name (<c>Site</c>), added to the contract later and so last; omitted
    /// when not set, which keeps the bytes of a device without one as they were.</summary>
    private static void Site(Utf8JsonWriter w, string site)
    {
        if (site.Length > 0)
        {
            w.WriteString("site", site);
        }
    }

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
