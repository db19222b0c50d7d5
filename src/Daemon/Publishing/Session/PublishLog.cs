using System.Text;
using EdgeEmotion.Daemon.Publishing.Durable;

namespace EdgeEmotion.Daemon.Publishing.Session;

/// <summary>
/// What the journal hears about publishing: every message with <c>Mqtt:LogMessages</c> (the demo
/// prints what it publishes), otherwise one summary line a minute (a line per message is about
/// 11,500 lines a day on a kiosk's SD card). The first message of each topic is summarised at once,
/// so an installer watching the journal after a start sees right away that windows (and visits) flow.
/// The minute is read off <paramref name="clock"/>.
/// </summary>
internal sealed partial class PublishLog(bool everyMessage, ILogger logger, TimeProvider clock)
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, (long First, long Last, int Count)> _sent = [];
    private long _since = clock.GetTimestamp();
    private readonly HashSet<string> _announced = [];

    public void Published(string topic, bool retained, byte[] payload)
    {
        // Decoding the payload costs only when the line is written.
        if (everyMessage && logger.IsEnabled(LogLevel.Information))
        {
            LogPublished(logger, topic, retained ? " (retained)" : "", Encoding.UTF8.GetString(payload));
        }
    }

    /// <summary>'offline' went out at stop: logged either way, so the journal shows the daemon said
    /// goodbye (with every message logged, <see cref="Published"/> already did).</summary>
    public void SaidGoodbye(string statusTopic)
    {
        if (!everyMessage)
        {
            LogSaidGoodbye(logger, statusTopic);
        }
    }

    /// <summary>A queued message (window or visit) the broker acknowledged on <paramref name="topic"/>.</summary>
    public void Sent(string topic, long seq)
    {
        _sent[topic] = _sent.TryGetValue(topic, out var s) ? (s.First, seq, s.Count + 1) : (seq, seq, 1);
    }

    /// <summary>Logs the summary when a minute has passed since the last one.</summary>
    public void MinutePassed(MessageStreams streams)
    {
        if (clock.GetElapsedTime(_since) >= Period || _sent.Keys.Any(topic => !_announced.Contains(topic)))
        {
            Flush(streams);
        }
    }

    /// <summary>Logs what was sent since the last summary (nothing when every message was logged).</summary>
    public void Flush(MessageStreams streams)
    {
        _since = clock.GetTimestamp();
        if (everyMessage || _sent.Count == 0)
        {
            _sent.Clear();
            return;
        }
        var parts = _sent.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => s.Value.Count == 1 ? $"{s.Key}: 1 (seq {s.Value.First})" : $"{s.Key}: {s.Value.Count} (seq {s.Value.First}..{s.Value.Last})");
        if (logger.IsEnabled(LogLevel.Information))
        {
            LogSummary(logger, string.Join(", ", parts), streams.Pending);
        }
        _announced.UnionWith(_sent.Keys);
        _sent.Clear();
    }

    [LoggerMessage(0, LogLevel.Information, "Published {Topic}{Retained}: {Payload}")]
    private static partial void LogPublished(ILogger logger, string topic, string retained, string payload);

    [LoggerMessage(0, LogLevel.Information, "Published {Topic} (retained): offline")]
    private static partial void LogSaidGoodbye(ILogger logger, string topic);

    [LoggerMessage(0, LogLevel.Information, "Published {Sent}; {Pending} waiting.")]
    private static partial void LogSummary(ILogger logger, string sent, int pending);
}
