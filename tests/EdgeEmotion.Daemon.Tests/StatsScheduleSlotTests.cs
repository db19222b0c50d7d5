using EdgeEmotion.Daemon.Publishing.Stats;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>The stats schedule on its own, at exact instants: the first at once, then slots at
/// start + k·interval whether a tick comes on time or somewhat late (lateness is not carried into
/// the next slot), and a tick more than a whole period late starts afresh from itself.</summary>
public sealed class StatsScheduleSlotTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private static DateTimeOffset At(double seconds) => Start + TimeSpan.FromSeconds(seconds);

    [Fact]
    public void The_first_is_due_at_once_and_none_before_its_slot()
    {
        var schedule = new StatsSchedule(Interval, Start);
        Assert.True(schedule.IsDue(Start));
        schedule.Advance(Start);
        Assert.Equal(At(10), schedule.NextDue);
        Assert.False(schedule.IsDue(At(9.999)));
        Assert.True(schedule.IsDue(At(10)));
    }

    [Fact]
    public void Ticks_on_time_or_a_little_late_keep_the_slots_at_start_plus_k_intervals()
    {
        var schedule = new StatsSchedule(Interval, Start);
        // On time, then 3 s, 9.5 s and 0.2 s late: each next slot stays on the grid.
        double[] ticks = [0, 10, 23, 39.5, 40.2];
        for (var k = 0; k < ticks.Length; k++)
        {
            Assert.True(schedule.IsDue(At(ticks[k])), $"tick {k} at {ticks[k]} s");
            schedule.Advance(At(ticks[k]));
            Assert.Equal(At(10 * (k + 1)), schedule.NextDue);
        }
    }

    [Fact]
    public void A_tick_more_than_a_period_late_starts_the_schedule_again_from_itself()
    {
        var schedule = new StatsSchedule(Interval, Start);
        schedule.Advance(Start);
        // Due at 10 s, served at 27 s: the slot at 20 s is past too, so no burst to catch up.
        schedule.Advance(At(27));
        Assert.Equal(At(37), schedule.NextDue);
        Assert.False(schedule.IsDue(At(36.9)));
        schedule.Advance(At(37));
        Assert.Equal(At(47), schedule.NextDue);
    }

    [Fact]
    public void A_tick_exactly_a_period_late_keeps_the_grid_and_the_next_is_due_at_once()
    {
        var schedule = new StatsSchedule(Interval, Start);
        schedule.Advance(Start);
        schedule.Advance(At(20)); // due at 10 s, served at 20 s: the 20 s slot is now, not past
        Assert.Equal(At(20), schedule.NextDue);
        Assert.True(schedule.IsDue(At(20)));
    }
}
