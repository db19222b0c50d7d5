namespace EdgeEmotion.Collector.Reports;

/// <summary>One bucket's span: its start and end as instants, each with the report time zone's
/// offset at that instant (so the two 02:00 hours of a night that goes back an hour differ).</summary>
public readonly record struct Bucket(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Length => End - Start;
}
