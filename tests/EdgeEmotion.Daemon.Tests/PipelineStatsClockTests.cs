using EdgeEmotion.Daemon.Diagnostics;
using EdgeEmotion.Daemon.Visits;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>The stats' uptime and frame rate, read off a fake clock: uptime since the stats were
/// made, and frames per second over the span since the previous snapshot only.</summary>
public sealed class PipelineStatsClockTests
{
    private static readonly OutboxHealth NoOutbox = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Stats of a pipeline with default tracking, on <paramref name="clock"/> (also for the
    /// other tests that need stats to read).</summary>
    internal static PipelineStats On(TimeProvider clock) => new(new VisitorTracking(new TrackingOptions(), new VisitsOptions()), clock);

    [Fact]
    public void Uptime_counts_from_the_start_and_fps_covers_the_span_since_the_last_snapshot()
    {
        var clock = new FakeTimeProvider();
        var stats = On(clock);

        clock.Advance(TimeSpan.FromSeconds(2));
        for (var i = 0; i < 10; i++)
        {
            stats.Analysed(detectMs: 4, classifyMs: 1);
        }
        var first = stats.Snapshot(NoOutbox, clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(2), first.Uptime);
        Assert.Equal(5.0, first.Fps);
        Assert.Equal(clock.GetUtcNow(), first.Time);

        // Four seconds and two frames later (one analysed, one reused): 0.5 fps, not 12 frames over 6 s.
        clock.Advance(TimeSpan.FromSeconds(4));
        stats.Analysed(detectMs: 4, classifyMs: 1);
        stats.Reused();
        var second = stats.Snapshot(NoOutbox, clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(6), second.Uptime);
        Assert.Equal(0.5, second.Fps);
        Assert.Equal(12, second.FramesAnalysed);
    }

    [Fact]
    public void Two_snapshots_at_the_same_instant_report_no_rate_rather_than_dividing_by_zero()
    {
        var clock = new FakeTimeProvider();
        var stats = On(clock);
        stats.Analysed(detectMs: 4, classifyMs: 1);
        Assert.Equal(0, stats.Snapshot(NoOutbox, clock.GetUtcNow()).Fps);
    }

    [Fact]
    public void The_person_stage_reports_its_median_time_and_rate_and_nothing_when_it_is_off()
    {
        var clock = new FakeTimeProvider();
        var off = On(clock);
        off.Analysed(detectMs: 4, classifyMs: 1);
        var silent = off.Snapshot(NoOutbox, clock.GetUtcNow());
        Assert.Equal((null, null), (silent.PeopleMsP50, silent.PeopleFps));

        var stats = On(clock);
        stats.PeopleEnabled = true;
        clock.Advance(TimeSpan.FromSeconds(2));
        foreach (var ms in new[] { 20.0, 30, 25, 40, 22, 26 })
        {
            stats.PeopleDetected(ms);
        }
        var snapshot = stats.Snapshot(NoOutbox, clock.GetUtcNow());
        Assert.Equal(3.0, snapshot.PeopleFps); // six runs in two seconds
        Assert.Equal(26, snapshot.PeopleMsP50);
    }
}
