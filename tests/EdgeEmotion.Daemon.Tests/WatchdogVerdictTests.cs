namespace EdgeEmotion.Daemon.Tests;

/// <summary>The watchdog pings only for a frame loop that moves and a publishing loop that comes
/// round: a hung publisher (issue: a broker that never answers kept the pings going) stops them.</summary>
public sealed class WatchdogVerdictTests
{
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(75);

    [Fact]
    public void Frames_analysed_and_the_publisher_coming_round_earn_a_ping() =>
        Assert.Equal(WatchdogState.Healthy, WatchdogVerdict.Judge(12, 10, TimeSpan.FromSeconds(3), Round));

    [Fact]
    public void A_frame_loop_without_progress_earns_none() =>
        Assert.Equal(WatchdogState.PipelineStalled, WatchdogVerdict.Judge(10, 10, TimeSpan.FromSeconds(3), Round));

    [Fact]
    public void A_publisher_silent_for_longer_than_its_longest_round_earns_none_even_while_frames_flow() =>
        Assert.Equal(WatchdogState.PublishingHung, WatchdogVerdict.Judge(500, 10, Round + TimeSpan.FromSeconds(1), Round));

    [Fact]
    public void A_broker_that_is_merely_down_still_lets_the_publisher_come_round()
    {
        // Backoff waits are part of a round: the longest round covers the longest backoff plus a
        // few bounded operations, so an outage never stops the pings by itself.
        Assert.Equal(WatchdogState.Healthy, WatchdogVerdict.Judge(11, 10, TimeSpan.FromSeconds(30 + 10), Round));
    }
}
