using EdgeEmotion.Collector.Storage;

namespace EdgeEmotion.Collector.Reports;

/// <summary>
/// Cuts a period into local hours, days or weeks of a time zone, DST-correct: a local day is
/// the time from one local midnight to the next (23 or 25 hours on the nights the clocks
/// change), and an hourly summary of such a day has 23 or 25 buckets. Hours are the hours the
/// rollups are kept in (<paramref name="grid"/>, the database's), which are the zone's local
/// hours when the database was made for it or for another zone on the same grid (every zone
/// whose offset is whole hours shares UTC's).
/// </summary>
public sealed class BucketCalendar(TimeZoneInfo zone, HourGrid grid)
{
    public TimeZoneInfo Zone { get; } = zone;

    public HourGrid Grid { get; } = grid;

    /// <summary>The same hours, local to another zone.</summary>
    public BucketCalendar In(TimeZoneInfo other) => other == Zone ? this : new BucketCalendar(other, Grid);

    /// <summary>The buckets that start before <paramref name="to"/>, the first being the one
    /// <paramref name="from"/> falls in.</summary>
    public IReadOnlyList<Bucket> Buckets(DateTimeOffset from, DateTimeOffset to, BucketSize size)
    {
        var buckets = new List<Bucket>();
        for (var start = StartOf(from, size); start < to;)
        {
            var end = Next(start, size);
            buckets.Add(new Bucket(Local(start), Local(end)));
            start = end;
        }
        return buckets;
    }

    /// <summary>The instant with the zone's offset at that instant.</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    private DateTimeOffset StartOf(DateTimeOffset instant, BucketSize size)
    {
        if (size == BucketSize.Hour)
        {
            return Grid.Floor(instant);
        }
        var date = DateOnly.FromDateTime(Local(instant).DateTime);
        if (size == BucketSize.Week)
        {
            date = date.AddDays(-(((int)date.DayOfWeek + 6) % 7)); // back to Monday
        }
        return Midnight(date);
    }

    private DateTimeOffset Next(DateTimeOffset start, BucketSize size) => size switch
    {
        BucketSize.Hour => start.AddHours(1),
        BucketSize.Day => Midnight(DateOnly.FromDateTime(Local(start).DateTime).AddDays(1)),
        _ => Midnight(DateOnly.FromDateTime(Local(start).DateTime).AddDays(7)),
    };

    /// <summary>The instant a local date begins: its midnight, or where the clocks jump over
    /// midnight, the first local time that exists; where midnight happens twice, the first.</summary>
    private DateTimeOffset Midnight(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
