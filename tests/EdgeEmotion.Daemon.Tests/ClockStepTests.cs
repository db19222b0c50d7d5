using EdgeEmotion.Daemon.Aggregation;
using EdgeEmotion.Daemon.Publishing.Stats;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>
/// The wall clock stepped back (an NTP correction of a clock that ran ahead, a board's clock set
/// by hand): windows and stats go on, instead of waiting until the clock is back where it was (an
/// hour's step stopped both for an hour). Forward steps (a Raspberry Pi's clock, restored from its
/// last shutdown, corrected by NTP after boot) already closed the window and went on.
/// </summary>
public sealed class ClockStepTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 10, 0, 3, TimeSpan.Zero);
    private static readonly TimeSpan Length = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_step_back_past_the_windows_start_closes_it_and_the_next_starts_at_the_new_time()
    {
        var clock = new SteppedClock(Start);
        var aggregator = new WindowAggregator(Length, clock);
        aggregator.AddFrame([0, 0, 0, 1, 0, 0, 0]);
        clock.Advance(TimeSpan.FromSeconds(4));
        clock.Step(TimeSpan.FromHours(-1));

        var cut = aggregator.CloseIfDue();

        Assert.NotNull(cut);
        Assert.Equal((Start, 1L, 1L), (cut.Start, cut.Frames, cut.Faces));
        // As long as it lasted (the monotonic clock): 4 s, not to its nominal end.
        Assert.Equal(Start.AddSeconds(4), cut.End);
        Assert.Equal(Start.AddHours(-1).AddSeconds(4), aggregator.CurrentStart);
        // And the next closes on the new clock's grid.
        clock.Advance(TimeSpan.FromSeconds(3));
        var next = aggregator.CloseIfDue();
        Assert.NotNull(next);
        Assert.Equal((Start.AddHours(-1).AddSeconds(4), Start.AddHours(-1).AddSeconds(7)), (next.Start, next.End));
    }

    [Fact]
    public void A_small_step_back_within_the_window_only_makes_it_last_longer()
    {
        var clock = new SteppedClock(Start);
        var aggregator = new WindowAggregator(Length, clock);
        clock.Advance(TimeSpan.FromSeconds(4));
        clock.Step(TimeSpan.FromSeconds(-2));

        Assert.Null(aggregator.CloseIfDue());
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(Start.AddSeconds(7), aggregator.CloseIfDue()!.End);
    }

    [Fact]
    public void Stats_stay_on_their_interval_after_a_step_back()
    {
        var interval = TimeSpan.FromSeconds(60);
        var schedule = new StatsSchedule(interval, Start);
        schedule.Advance(Start);
        var stepped = Start.AddHours(-1).AddSeconds(5);

        Assert.True(schedule.IsDue(stepped), "a slot an hour ahead is not waited for");
        schedule.Advance(stepped);
        Assert.Equal(stepped + interval, schedule.NextDue);
    }

    /// <summary>Wall time that can step either way, and a monotonic time that only advances.</summary>
    private sealed class SteppedClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;
        private long _ticks;

        public override DateTimeOffset GetUtcNow() => _now;

        public override long GetTimestamp() => _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public void Advance(TimeSpan time)
        {
            _now += time;
            _ticks += time.Ticks;
        }

        public void Step(TimeSpan step) => _now += step;
    }
}
