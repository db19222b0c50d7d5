namespace EdgeEmotion.Daemon.Publishing.Durable;

/// <summary>Says exactly what a stop leaves behind: the messages on disk, sent after the next
/// start, and at error level those that lived only in memory because the disk refused them
/// (numbered or still waiting for a number), which go with the process. Logged in the
/// publisher's category.</summary>
internal sealed partial class StopReport(MessageStreams streams, ILogger logger)
{
    /// <summary>Everything numbered was sent (the drain numbered what the disk let it): what still
    /// waits for a number is lost.</summary>
    public void Stopped() => ReportLost();

    /// <summary>The broker could not take everything (<paramref name="reason"/>).</summary>
    public void StoppedEarly(string endpoint, string reason)
    {
        SaveWhatTheDiskTakes();
        var onDisk = streams.All.Sum(s => s.Outbox.Count - s.Outbox.InMemorySeqs.Count);
        LogStoppedEarly(logger, endpoint, reason, onDisk);
        ReportLost();
    }

    /// <summary>The last chance: the disk may have room again.</summary>
    private void SaveWhatTheDiskTakes()
    {
        foreach (var stream in streams.All)
        {
            stream.NumberWaiting();
            stream.Outbox.PersistInMemory();
        }
    }

    private void ReportLost()
    {
        var lost = 0;
        var parts = new List<string>();
        foreach (var stream in streams.All)
        {
            var inMemory = stream.Outbox.InMemorySeqs;
            var unnumbered = stream.Unnumbered;
            lost += inMemory.Count + unnumbered;
            if (inMemory.Count > 0)
            {
                parts.Add($"{stream.TopicName} seq {inMemory[0]}..{inMemory[^1]} ({inMemory.Count})");
            }
            if (unnumbered > 0)
            {
                parts.Add($"{unnumbered} {stream.TopicName} not yet numbered");
            }
        }
        if (lost > 0)
        {
            LogLost(logger, lost, string.Join(", ", parts), streams.Directory);
        }
    }

    [LoggerMessage(0, LogLevel.Warning, "Stopping before everything reached {Endpoint} ({Reason}): {OnDisk} message(s) stay on disk and are sent after the next start.")]
    private static partial void LogStoppedEarly(ILogger logger, string endpoint, string reason, int onDisk);

    [LoggerMessage(0, LogLevel.Error, "Stopping loses {Lost} message(s) that were only in memory because the disk refused them: {Which}. Free space in {Directory}.")]
    private static partial void LogLost(ILogger logger, int lost, string which, string directory);
}
