using EdgeEmotion.Daemon.Publishing.Durable;
using EdgeEmotion.Daemon.Publishing.Session;
using Microsoft.Extensions.Logging;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>The journal gets a summary a minute, not a line per message, but the first window and
/// the first visit show up at once, as an installer watching the journal after a start expects.
/// The minute passes on a fake clock: a clock that stands still shows what waits for it.</summary>
public sealed class PublishLogTests
{
    [Fact]
    public void The_first_message_of_each_topic_is_summarised_at_once_and_the_rest_wait_for_the_minute()
    {
        using var state = new TempDirectory();
        var log = new OutboxTests.RecordingLogger();
        using var streams = new MessageStreams(state.Path, 100, 1 << 20, new LoggerFactory());
        var publishLog = new PublishLog(everyMessage: false, log, new FakeTimeProvider());

        publishLog.Sent("edgeemotion/k/visits", 1);
        publishLog.MinutePassed(streams);
        publishLog.Sent("edgeemotion/k/emotions", 1);
        publishLog.MinutePassed(streams);
        publishLog.Sent("edgeemotion/k/emotions", 2);
        publishLog.Sent("edgeemotion/k/visits", 2);
        publishLog.MinutePassed(streams);
        publishLog.Published("edgeemotion/k/emotions", retained: false, "{}"u8.ToArray());

        Assert.Equal(
            ["Information: Published edgeemotion/k/visits: 1 (seq 1); 0 waiting.", "Information: Published edgeemotion/k/emotions: 1 (seq 1); 0 waiting."],
            log.Lines);
        publishLog.Flush(streams);
        Assert.Equal("Information: Published edgeemotion/k/emotions: 1 (seq 2), edgeemotion/k/visits: 1 (seq 2); 0 waiting.", log.Lines[^1]);
    }

    [Fact]
    public void Offline_at_stop_is_logged_even_without_every_message()
    {
        var log = new OutboxTests.RecordingLogger();
        new PublishLog(everyMessage: false, log, new FakeTimeProvider()).SaidGoodbye("edgeemotion/k/status");
        Assert.Equal(["Information: Published edgeemotion/k/status (retained): offline"], log.Lines);
    }

    [Fact]
    public void The_summary_comes_a_minute_after_the_last_one_and_not_before()
    {
        using var state = new TempDirectory();
        var log = new OutboxTests.RecordingLogger();
        using var streams = new MessageStreams(state.Path, 100, 1 << 20, new LoggerFactory());
        var clock = new FakeTimeProvider();
        var publishLog = new PublishLog(everyMessage: false, log, clock);
        publishLog.Sent("edgeemotion/k/emotions", 1);
        publishLog.MinutePassed(streams); // the first of its topic: at once, and the minute starts
        Assert.Single(log.Lines);

        clock.Advance(TimeSpan.FromSeconds(30));
        publishLog.Sent("edgeemotion/k/emotions", 2);
        clock.Advance(TimeSpan.FromSeconds(29.999));
        publishLog.Sent("edgeemotion/k/emotions", 3);
        publishLog.MinutePassed(streams);
        Assert.Single(log.Lines);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        publishLog.MinutePassed(streams);
        Assert.Equal("Information: Published edgeemotion/k/emotions: 2 (seq 2..3); 0 waiting.", log.Lines[^1]);

        // The next minute counts from that summary.
        publishLog.Sent("edgeemotion/k/emotions", 4);
        clock.Advance(TimeSpan.FromSeconds(59));
        publishLog.MinutePassed(streams);
        Assert.Equal(2, log.Lines.Count);
        clock.Advance(TimeSpan.FromSeconds(1));
        publishLog.MinutePassed(streams);
        Assert.Equal("Information: Published edgeemotion/k/emotions: 1 (seq 4); 0 waiting.", log.Lines[^1]);
    }

    [Fact]
    public void A_minute_with_nothing_sent_writes_no_line()
    {
        using var state = new TempDirectory();
        var log = new OutboxTests.RecordingLogger();
        using var streams = new MessageStreams(state.Path, 100, 1 << 20, new LoggerFactory());
        var clock = new FakeTimeProvider();
        var publishLog = new PublishLog(everyMessage: false, log, clock);
        clock.Advance(TimeSpan.FromMinutes(5));
        publishLog.MinutePassed(streams);
        Assert.Empty(log.Lines);
    }
}
