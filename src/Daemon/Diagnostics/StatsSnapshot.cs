namespace EdgeEmotion.Daemon.Diagnostics;

/// <summary>Everything one stats message reports, as of <see cref="Time"/>.</summary>
internal sealed record StatsSnapshot(
    DateTimeOffset Time,
    TimeSpan Uptime,
    double Fps,
    double DetectMsP50,
    double ClassifyMsP50,
    OutboxHealth Outbox,
    string Version,
    long FramesCaptured,
    long FramesAnalysed,
    long FramesDropped,
    long FramesMalformed,
    SourceState SourceState,
    long SourceFailures,
    double ResidentMemoryMb,
    long FramesReused,
    long FacesInvalid,
    int TracksActive,
    long VisitsTooShort)
{
    /// <summary>Whether the PIR sensor sees someone; null without a sensor (Gpio:PresencePin).</summary>
    public bool? Presence { get; init; }

    /// <summary>The int8 form the classifier runs ("u8s8", "u8u8"); null for a float model.</summary>
    public string? Int8Kernels { get; init; }

    /// <summary>The managed heap after the last collection (GC.GetGCMemoryInfo), so a field report says
    /// whether memory is the heap's or native (OnnxRuntime, OpenCV, code).</summary>
    public double ManagedHeapMb { get; init; }

    /// <summary>What the GC has committed for the heap, free space and generation 0's budget included.</summary>
    public double GcCommittedMb { get; init; }

    /// <summary>The person stage's median milliseconds per run; null with people off.</summary>
    public double? PeopleMsP50 { get; init; }

    /// <summary>Person stage runs per second since the last snapshot; null with people off.</summary>
    public double? PeopleFps { get; init; }
}
