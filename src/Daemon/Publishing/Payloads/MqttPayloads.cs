using EdgeEmotion.Daemon.Aggregation;
using EdgeEmotion.Daemon.Diagnostics;
using EdgeEmotion.Daemon.Visits;

namespace EdgeEmotion.Daemon.Publishing.Payloads;

/// <summary>The daemon's figures as the contract's messages, whose bytes EdgeEmotion.Contracts
/// writes (names, order, nulls, escaping, times). What is decided here is the device's: which
/// figures it sends and to how many decimals.</summary>
internal static class MqttPayloads
{
    /// <summary>A closed window (contract section <c>emotions</c>); <paramref name="site"/> only when set.</summary>
    public static byte[] Emotions(EmotionWindow window, long seq, string device, string modelName, string modelSha256, string site = "") =>
        new EmotionsMessage
        {
            Device = device,
            Seq = seq,
            WindowStart = window.Start,
            WindowEnd = window.End,
            Frames = window.Frames,
            Faces = window.Faces,
            Counts = window.Counts,
            MeanProbabilities = Probabilities(window.MeanProbabilities),
            Visitors = window.Visitors is { } v
                ? new VisitorsSummary(v.Present, v.New, v.Looking, v.Emotions, Math.Round(v.DwellSeconds, 1), Math.Round(v.AttentionSeconds, 1))
                : null,
            Model = new ModelInfo(modelName, modelSha256),
            Site = SiteOrNull(site),
        }.ToPayload();

    /// <summary>A finished visit (contract section <c>visits</c>).</summary>
    public static byte[] Visit(Visit visit, long seq, string device, string modelName, string modelSha256, string site = "") =>
        new VisitMessage
        {
            Device = device,
            Seq = seq,
            Start = visit.Start,
            End = visit.End,
            DwellSeconds = Math.Round(visit.DwellSeconds, 1, MidpointRounding.AwayFromZero),
            AttentionSeconds = Math.Round(Math.Min(visit.AttentionSeconds, visit.DwellSeconds), 1),
            Frames = visit.Frames,
            // A person whose face was never classified has no emotion.
            Emotion = visit.HasFace ? visit.EmotionName : null,
            MeanProbabilities = visit.HasFace ? Probabilities(visit.MeanProbabilities) : null,
            // Rounded so that they still add up to face_s as published.
            EmotionSeconds = visit.EmotionSecondsRounded(1),
            Model = new ModelInfo(modelName, modelSha256),
            FaceSeconds = Math.Round(visit.FaceSeconds, 1, MidpointRounding.AwayFromZero),
            Looked = visit.Looked,
            Site = SiteOrNull(site),
        }.ToPayload();

    /// <summary>Live face boxes (contract section <c>faces</c>): no pixels, a process-local track number.</summary>
    public static byte[] Faces(LiveFaces.Snapshot snapshot, string device) =>
        new FacesMessage(
            device,
            snapshot.Time,
            snapshot.Width,
            snapshot.Height,
            [.. snapshot.Faces.Select(f => new LiveFaceBox(f.TrackId, Box(f.Box), f.EmotionName, Math.Round(f.Probability, 2), f.Looking))])
        {
            // With the person stage: the people's boxes, so an installer can aim the camera.
            People = snapshot.People?.Select(p => new LivePersonBox(p.TrackId, Box(p.Box))).ToList(),
        }.ToPayload();

    /// <summary>Periodic health (contract section <c>stats</c>).</summary>
    public static byte[] Stats(StatsSnapshot s, string device, string site = "") =>
        new StatsMessage
        {
            Device = device,
            Time = s.Time,
            UptimeSeconds = Math.Round(s.Uptime.TotalSeconds),
            Fps = Math.Round(s.Fps, 2),
            DetectMsP50 = Math.Round(s.DetectMsP50, 2),
            ClassifyMsP50 = Math.Round(s.ClassifyMsP50, 2),
            PendingWindows = s.Outbox.PendingWindows,
            DroppedWindows = s.Outbox.DroppedWindows,
            Version = s.Version,
            FramesCaptured = s.FramesCaptured,
            FramesAnalysed = s.FramesAnalysed,
            FramesDropped = s.FramesDropped,
            FramesMalformed = s.FramesMalformed,
            FramesReused = s.FramesReused,
            SourceState = Name(s.SourceState),
            SourceFailures = s.SourceFailures,
            ResidentMemoryMb = Math.Round(s.ResidentMemoryMb, 1),
            FacesInvalid = s.FacesInvalid,
            PendingVisits = s.Outbox.PendingVisits,
            DroppedVisits = s.Outbox.DroppedVisits,
            OldestPendingSeconds = Math.Round(s.Outbox.OldestPendingSeconds, 1),
            OutboxWriteFailures = s.Outbox.WriteFailures,
            OutboxInMemory = s.Outbox.InMemory,
            OutboxQuarantined = s.Outbox.Quarantined,
            TracksActive = s.TracksActive,
            VisitsPublished = s.Outbox.VisitsPublished,
            VisitsTooShort = s.VisitsTooShort,
            // Only with a PIR sensor (Gpio:PresencePin).
            Presence = s.Presence,
            SeqSkipped = s.Outbox.WindowsSkipped,
            VisitsSeqSkipped = s.Outbox.VisitsSkipped,
            Int8Kernels = s.Int8Kernels,
            ManagedHeapMb = Math.Round(s.ManagedHeapMb, 1),
            GcCommittedMb = Math.Round(s.GcCommittedMb, 1),
            // The person stage (null with People:Enabled off).
            PeopleMsP50 = s.PeopleMsP50 is { } peopleMs ? Math.Round(peopleMs, 2) : null,
            PeopleFps = s.PeopleFps is { } peopleFps ? Math.Round(peopleFps, 2) : null,
            Site = SiteOrNull(site),
        }.ToPayload();

    /// <summary>The contract's <c>source_state</c> words.</summary>
    private static string Name(SourceState state) => state switch
    {
        SourceState.Starting => "starting",
        SourceState.Running => "running",
        SourceState.Retrying => "retrying",
        SourceState.Ended => "ended",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    private static double[] Probabilities(double[] probabilities) => [.. probabilities.Select(p => Math.Round(p, 4))];

    /// <summary>Whole pixels, as boxes are published.</summary>
    private static long[] Box(FaceBox box) =>
        [(int)MathF.Round(box.X), (int)MathF.Round(box.Y), (int)MathF.Round(box.Width), (int)MathF.Round(box.Height)];

    /// <summary>The store's name (<c>Site</c>), left out when not set, which keeps the bytes of a
    /// device without one as they were.</summary>
    private static string? SiteOrNull(string site) => site.Length > 0 ? site : null;
}
