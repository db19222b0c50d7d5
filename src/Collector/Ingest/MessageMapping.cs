using System.Buffers;
using EdgeEmotion.Contracts;
using StoredRange = EdgeEmotion.Collector.Storage.SeqRange;

namespace EdgeEmotion.Collector.Ingest;

/// <summary>From the contract's payloads (read by EdgeEmotion.Contracts) to the store's records.</summary>
public static class MessageMapping
{
    /// <summary>The record for a message on <paramref name="topic"/>; null for a topic or kind the
    /// collector does not keep. A bad payload throws <see cref="PayloadException"/> naming the field.</summary>
    public static CollectorMessage? Map(string prefix, string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt)
    {
        if (!MqttTopics.TryParse(prefix, topic, out var device, out var kind))
        {
            return null;
        }
        return kind switch
        {
            MessageKind.Emotions => Window(EmotionsMessage.Read(payload)),
            MessageKind.Visits => Visit(VisitMessage.Read(payload)),
            MessageKind.Stats => Stats(StatsMessage.Read(payload)),
            MessageKind.Status => new StatusRecord(device, StatusPayload.Read(payload) == DeviceStatus.Online ? StatusPayload.Online : StatusPayload.Offline, receivedAt),
            _ => null,
        };
    }

    public static WindowRecord Window(EmotionsMessage m)
    {
        var v = m.Visitors;
        return new WindowRecord(m.Device, m.Site, m.Seq, m.WindowStart, m.WindowEnd, checked((int)m.Frames), checked((int)m.Faces),
            [.. m.Counts.Select(c => checked((int)c))], (int)(v?.Present ?? 0), (int)(v?.New ?? 0), (int)(v?.Looking ?? 0),
            v?.DwellSeconds ?? 0, v?.AttentionSeconds ?? 0);
    }

    /// <summary>A watcher is what the device said (<c>looked</c>); a device from before that field
    /// existed is judged by the daemon's default rule (one second of attention). <c>face_s</c> and
    /// <c>looked</c> are kept as sent (null when absent).</summary>
    public static VisitRecord Visit(VisitMessage m) =>
        new(m.Device, m.Site, m.Seq, m.Start, m.End, m.DwellSeconds, m.AttentionSeconds, m.Looked ?? m.AttentionSeconds >= 1,
            checked((int)m.Frames), m.Emotion is { } e ? EmotionLabels.IndexOf(e) : null, m.EmotionSeconds, m.FaceSeconds, m.Looked);

    public static StatsRecord Stats(StatsMessage m) =>
        new(m.Device, m.Site, Range(m.SeqSkipped), Range(m.VisitsSeqSkipped), new StatsFigures(m.UptimeSeconds, m.Fps, m.PendingWindows, m.ResidentMemoryMb));

    private static StoredRange? Range(EdgeEmotion.Contracts.SeqRange? range) => range is null ? null : new StoredRange(range.From, range.To);
}
