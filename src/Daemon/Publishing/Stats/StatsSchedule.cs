namespace EdgeEmotion.Daemon.Publishing.Stats;

/// <summary>
/// When the stats are due: the first at once, then one every <c>interval</c> on a schedule
/// (start + k·interval), not an interval after the last one went out, so the loop's own work does
/// not stretch the period. A slot that is more than a whole period behind is given up for
/// now + interval, so that a stall does not send a burst to catch up; so is one more than a period
/// ahead (the wall clock stepped back).
/// </summary>
internal sealed class StatsSchedule(TimeSpan interval, DateTimeOffset start)
{
    /// <summary>When the next stats are due.</summary>
    public DateTimeOffset NextDue { get; private set; } = start;

    /// <summary>Due at its slot, or at once when the slot is more than an interval ahead: the wall
    /// clock stepped back, and waiting for the slot would stop the stats for as long as the step.</summary>
    public bool IsDue(DateTimeOffset now) => IsDue(now, NextDue, interval);

    /// <summary>Due at <paramref name="next"/>, or at once when that lies more than an
    /// <paramref name="interval"/> ahead (the wall clock stepped back); the publisher's pings and
    /// faces follow the same rule.</summary>
    public static bool IsDue(DateTimeOffset now, DateTimeOffset next, TimeSpan interval) => now >= next || next - now > interval;

    /// <summary>The stats due at <see cref="NextDue"/> went out at <paramref name="now"/>: on to the next slot.</summary>
    public void Advance(DateTimeOffset now)
    {
        var next = NextDue + interval;
        NextDue = next < now || next - now > interval ? now + interval : next;
    }
}
