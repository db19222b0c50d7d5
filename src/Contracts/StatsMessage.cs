namespace EdgeEmotion.Contracts;

/// <summary>A device's periodic health (contract section <c>stats</c>), every field a device sends,
/// in the order it sends them. Fields beyond the contract's first list are null when a device does
/// not send them.</summary>
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

    public long? DroppedWindows { get; init; }

    public required string Version { get; init; }

    public long? FramesCaptured { get; init; }

    public long? FramesAnalysed { get; init; }

    public long? FramesDropped { get; init; }

    public long? FramesMalformed { get; init; }

    /// <summary>Frames that counted the last result again because nothing moved.</summary>
    public long? FramesReused { get; init; }

    /// <summary>starting, running, retrying or ended.</summary>
    public string? SourceState { get; init; }

    public long? SourceFailures { get; init; }

    public double? ResidentMemoryMb { get; init; }

    /// <summary>Faces a broken model scored as not-a-number: skipped, not counted.</summary>
    public long? FacesInvalid { get; init; }

    public long? PendingVisits { get; init; }

    public long? DroppedVisits { get; init; }

    /// <summary>Age of the oldest message waiting in the outbox.</summary>
    public double? OldestPendingSeconds { get; init; }

    public long? OutboxWriteFailures { get; init; }

    /// <summary>Messages kept in memory because the disk refused to store them.</summary>
    public long? OutboxInMemory { get; init; }

    /// <summary>Outbox files set aside (quarantined) as damaged.</summary>
    public long? OutboxQuarantined { get; init; }

    public long? TracksActive { get; init; }

    public long? VisitsPublished { get; init; }

    /// <summary>Visits shorter than <c>Visits:MinDwellSeconds</c>, not published.</summary>
    public long? VisitsTooShort { get; init; }

    /// <summary>Whether a PIR sensor sees someone; null from a device without one (the field is then left out).</summary>
    public bool? Presence { get; init; }

    /// <summary>Window numbers the device reserved but will never use (after a crash): not a loss.</summary>
    public SeqRange? SeqSkipped { get; init; }

    /// <summary>Visit numbers the device reserved but will never use.</summary>
    public SeqRange? VisitsSeqSkipped { get; init; }

    /// <summary>The int8 form the classifier runs; null for a float model.</summary>
    public string? Int8Kernels { get; init; }

    /// <summary>The managed heap after the last garbage collection.</summary>
    public double? ManagedHeapMb { get; init; }

    /// <summary>What the garbage collector had committed at its last collection.</summary>
    public double? GcCommittedMb { get; init; }

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
        DroppedWindows = p.OptionalLong("dropped_windows"),
        Version = p.String("version"),
        FramesCaptured = p.OptionalLong("frames_captured"),
        FramesAnalysed = p.OptionalLong("frames_analysed"),
        FramesDropped = p.OptionalLong("frames_dropped"),
        FramesMalformed = p.OptionalLong("frames_malformed"),
        FramesReused = p.OptionalLong("frames_reused"),
        SourceState = p.OptionalString("source_state"),
        SourceFailures = p.OptionalLong("source_failures"),
        ResidentMemoryMb = p.OptionalDouble("resident_memory_mb"),
        FacesInvalid = p.OptionalLong("faces_invalid"),
        PendingVisits = p.OptionalLong("pending_visits"),
        DroppedVisits = p.OptionalLong("dropped_visits"),
        OldestPendingSeconds = p.OptionalDouble("oldest_pending_s"),
        OutboxWriteFailures = p.OptionalLong("outbox_write_failures"),
        OutboxInMemory = p.OptionalLong("outbox_in_memory"),
        OutboxQuarantined = p.OptionalLong("outbox_quarantined"),
        TracksActive = p.OptionalLong("tracks_active"),
        VisitsPublished = p.OptionalLong("visits_published"),
        VisitsTooShort = p.OptionalLong("visits_too_short"),
        Presence = p.OptionalBool("presence"),
        SeqSkipped = p.OptionalObject("seq_skipped") is { } skipped ? SeqRange.Read(skipped) : null,
        VisitsSeqSkipped = p.OptionalObject("visits_seq_skipped") is { } visitsSkipped ? SeqRange.Read(visitsSkipped) : null,
        Int8Kernels = p.OptionalString("int8_kernels"),
        ManagedHeapMb = p.OptionalDouble("managed_heap_mb"),
        GcCommittedMb = p.OptionalDouble("gc_committed_mb"),
        PeopleMsP50 = p.OptionalDouble("people_ms_p50"),
        PeopleFps = p.OptionalDouble("people_fps"),
        Site = p.OptionalString("site"),
    });

    // Fields that older devices did not send are left out when null; the declared gaps, the int8
    // form and the person stage's figures are sent as null (the contract names null as their value).
    private protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteTimeIfSet("time", Time);
        writer.WriteNumber("uptime_s", UptimeSeconds);
        writer.WriteNumber("fps", Fps);
        writer.WriteNumber("detect_ms_p50", DetectMsP50);
        writer.WriteNumber("classify_ms_p50", ClassifyMsP50);
        writer.WriteNumber("pending_windows", PendingWindows);
        writer.WriteNumberIfSet("dropped_windows", DroppedWindows);
        writer.WriteString("version", Version);
        writer.WriteNumberIfSet("frames_captured", FramesCaptured);
        writer.WriteNumberIfSet("frames_analysed", FramesAnalysed);
        writer.WriteNumberIfSet("frames_dropped", FramesDropped);
        writer.WriteNumberIfSet("frames_malformed", FramesMalformed);
        writer.WriteNumberIfSet("frames_reused", FramesReused);
        writer.WriteStringIfSet("source_state", SourceState);
        writer.WriteNumberIfSet("source_failures", SourceFailures);
        writer.WriteNumberIfSet("resident_memory_mb", ResidentMemoryMb);
        writer.WriteNumberIfSet("faces_invalid", FacesInvalid);
        writer.WriteNumberIfSet("pending_visits", PendingVisits);
        writer.WriteNumberIfSet("dropped_visits", DroppedVisits);
        writer.WriteNumberIfSet("oldest_pending_s", OldestPendingSeconds);
        writer.WriteNumberIfSet("outbox_write_failures", OutboxWriteFailures);
        writer.WriteNumberIfSet("outbox_in_memory", OutboxInMemory);
        writer.WriteNumberIfSet("outbox_quarantined", OutboxQuarantined);
        writer.WriteNumberIfSet("tracks_active", TracksActive);
        writer.WriteNumberIfSet("visits_published", VisitsPublished);
        writer.WriteNumberIfSet("visits_too_short", VisitsTooShort);
        writer.WriteBooleanIfSet("presence", Presence);
        SeqRange.Write(writer, "seq_skipped", SeqSkipped);
        SeqRange.Write(writer, "visits_seq_skipped", VisitsSeqSkipped);
        writer.WriteString("int8_kernels", Int8Kernels);
        writer.WriteNumberIfSet("managed_heap_mb", ManagedHeapMb);
        writer.WriteNumberIfSet("gc_committed_mb", GcCommittedMb);
        writer.WriteNumberOrNull("people_ms_p50", PeopleMsP50);
        writer.WriteNumberOrNull("people_fps", PeopleFps);
    }
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

    /// <summary>A declared gap, <c>{"from": a, "to": b}</c>, or <c>null</c> for none.</summary>
    internal static void Write(Utf8JsonWriter writer, string name, SeqRange? range)
    {
        if (range is null)
        {
            writer.WriteNull(name);
            return;
        }
        writer.WriteStartObject(name);
        writer.WriteNumber("from", range.From);
        writer.WriteNumber("to", range.To);
        writer.WriteEndObject();
    }
}
