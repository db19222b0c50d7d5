using System.Buffers;

namespace EdgeEmotion.Contracts;

/// <summary>A device's periodic health (contract section <c>stats</c>): the fields the contract
/// names and those a collector uses; the writer sends more, which this reader ignores. Fields
/// beyond the contract's first list are null when a device does not send them.</summary>
public sealed record StatsMessage : DeviceMessage
{
    /// <summary>When the device made the message (a retained message may be old).</summary>
    public DateTimeOffset? Time { get; init; }

    public required double UptimeSeconds { get; init; }

    public required double Fps { get; init; }

    public required double DetectMsP50 { get; init; }

    public required double ClassifyMsP50 { get; init; }

    /// <summary>Windows in the device's outbox, waiting for the broker.</summary>
    public required long PendingWindows { get; init; }

    public required string Version { get; init; }

    public long? DroppedWindows { get; init; }

    public long? PendingVisits { get; init; }

    public long? DroppedVisits { get; init; }

    public long? VisitsPublished { get; init; }

    /// <summary>Visits shorter than <c>Visits:MinDwellSeconds</c>, not published.</summary>
    public long? VisitsTooShort { get; init; }

    public long? TracksActive { get; init; }

    /// <summary>starting, running, retrying or ended.</summary>
    public string? SourceState { get; init; }

    /// <summary>Window numbers the device reserved but will never use (after a crash): not a loss.</summary>
    public SeqRange? SeqSkipped { get; init; }

    /// <summary>Visit numbers the device reserved but will never use.</summary>
    public SeqRange? VisitsSeqSkipped { get; init; }

    /// <summary>The int8 form the classifier runs.</summary>
    public string? Int8Kernels { get; init; }

    /// <summary>The person stage's median milliseconds per run; null with people off or from a device without it.</summary>
    public double? PeopleMsP50 { get; init; }

    /// <summary>Person stage runs per second; null with people off or from a device without it.</summary>
    public double? PeopleFps { get; init; }

    /// <summary>Reads a <c>stats</c> payload; <see cref="PayloadException"/> names the first bad field.</summary>
    public static StatsMessage Read(ReadOnlyMemory<byte> payload) => Read(new ReadOnlySequence<byte>(payload));

    /// <summary>Reads the payload as MQTTnet hands it over.</summary>
    public static StatsMessage Read(ReadOnlySequence<byte> payload) => PayloadObject.Read(payload, MessageKind.Stats, p => new StatsMessage
    {
        Device = p.String("device"),
        Time = p.OptionalTime("time"),
        UptimeSeconds = p.Double("uptime_s"),
        Fps = p.Double("fps"),
        DetectMsP50 = p.Double("detect_ms_p50"),
        ClassifyMsP50 = p.Double("classify_ms_p50"),
        PendingWindows = p.Long("pending_windows"),
        Version = p.String("version"),
        DroppedWindows = p.OptionalLong("dropped_windows"),
        PendingVisits = p.OptionalLong("pending_visits"),
        DroppedVisits = p.OptionalLong("dropped_visits"),
        VisitsPublished = p.OptionalLong("visits_published"),
        VisitsTooShort = p.OptionalLong("visits_too_short"),
        TracksActive = p.OptionalLong("tracks_active"),
        SourceState = p.OptionalString("source_state"),
        SeqSkipped = p.OptionalObject("seq_skipped") is { } skipped ? SeqRange.Read(skipped) : null,
        VisitsSeqSkipped = p.OptionalObject("visits_seq_skipped") is { } visitsSkipped ? SeqRange.Read(visitsSkipped) : null,
        Int8Kernels = p.OptionalString("int8_kernels"),
        PeopleMsP50 = p.OptionalDouble("people_ms_p50"),
        PeopleFps = p.OptionalDouble("people_fps"),
        Site = p.OptionalString("site"),
    });
}

/// <summary>Sequence numbers <see cref="From"/> to <see cref="To"/>, both included.</summary>
public sealed record SeqRange(long From, long To)
{
    /// <summary>As log lines write it: <c>7</c> or <c>7..12</c>.</summary>
    public override string ToString() => From == To ? $"{From}" : $"{From}..{To}";

    internal static SeqRange Read(PayloadObject range)
    {
        var from = range.Long("from");
        var to = range.Long("to");
        return to >= from ? new SeqRange(from, to) : throw range.Error("to", $"{to} is before from ({from})");
    }
}
