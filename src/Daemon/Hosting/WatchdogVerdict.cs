namespace EdgeEmotion.Daemon.Hosting;

/// <summary>Whether a watchdog period earns its <c>WATCHDOG=1</c>: the frame loop made progress
/// since the last ping, and the publishing loop came round within its longest possible round
/// (every broker operation is bounded, so a longer silence means it hangs).</summary>
internal static class WatchdogVerdict
{
    public static WatchdogState Judge(long progress, long progressAtLastPing, TimeSpan sincePublisherBeat, TimeSpan longestRound) =>
        sincePublisherBeat > longestRound ? WatchdogState.PublishingHung
        : progress == progressAtLastPing ? WatchdogState.PipelineStalled
        : WatchdogState.Healthy;
}

internal enum WatchdogState
{
    Healthy,
    PipelineStalled,
    PublishingHung,
}
