namespace EdgeEmotion.Collector.Storage;

/// <summary>What the collector keeps of one MQTT message: the store's own records, filled by
/// ingest from the contract's payloads, so storage and the API depend on no wire format.</summary>
public abstract record CollectorMessage(string Device);

/// <summary>One closed aggregation window (<c>emotions</c>). <paramref name="FaceFrames"/> holds
/// the seven face-frame counts in the contract's emotion order.</summary>
public sealed record WindowRecord(
    string Device,
    string? Site,
    long Seq,
    DateTimeOffset Start,
    DateTimeOffset End,
    int Frames,
    int Faces,
    IReadOnlyList<int> FaceFrames,
    int VisitorsPresent,
    int VisitorsNew,
    int VisitorsLooking,
    double DwellSeconds,
    double AttentionSeconds) : CollectorMessage(Device);

/// <summary>One finished visit (<c>visits</c>). <paramref name="Emotion"/> is the index of the
/// visit's emotion in the contract's order, null when its face was never classified;
/// <paramref name="EmotionSeconds"/> the seven emotions' seconds in that order;
/// <paramref name="FaceSeconds"/> and <paramref name="Looked"/> the contract's <c>face_s</c> and
/// <c>looked</c> as sent, null from a device that does not send them (<paramref name="Watcher"/>
/// is <c>looked</c> where sent, else judged from the attention).</summary>
public sealed record VisitRecord(
    string Device,
    string? Site,
    long Seq,
    DateTimeOffset Start,
    DateTimeOffset End,
    double DwellSeconds,
    double AttentionSeconds,
    bool Watcher,
    int Frames,
    int? Emotion,
    IReadOnlyList<double> EmotionSeconds,
    double? FaceSeconds = null,
    bool? Looked = null) : CollectorMessage(Device);

/// <summary>A <c>stats</c> message's part the collector keeps: the site and the seq ranges the
/// device declared skipped (reserved after a crash, never to be sent: not a loss); and its
/// <paramref name="Figures"/>, which are not stored, only reported (<c>/metrics</c>).</summary>
public sealed record StatsRecord(
    string Device,
    string? Site,
    SeqRange? EmotionsSkipped,
    SeqRange? VisitsSkipped,
    StatsFigures? Figures = null) : CollectorMessage(Device);

/// <summary>A device's health as its latest <c>stats</c> message gives it.</summary>
public sealed record StatsFigures(double UptimeSeconds, double Fps, long PendingWindows, double? ResidentMemoryMb);

/// <summary>A <c>status</c> message: <c>online</c> or <c>offline</c>, at the time it was received.</summary>
public sealed record StatusRecord(string Device, string Status, DateTimeOffset ReceivedAt) : CollectorMessage(Device);
