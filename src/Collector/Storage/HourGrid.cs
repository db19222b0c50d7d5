namespace EdgeEmotion.Collector.Storage;

/// <summary>
/// Where the rollups' hours start: <see cref="Minutes"/> past every UTC hour. 0 gives UTC hours,
/// the local hours of every zone whose offset is whole hours; 30 or 15 give the local hours of
/// the zones that are not (India, Iran, Afghanistan, Myanmar, Sri Lanka, central Australia,
/// Newfoundland: 30; Nepal (+05:45), the Chatham Islands: 15). A database keeps one grid for all
/// its rollups (<see cref="CollectorStore"/>): an hour once summed cannot be cut again.
/// </summary>
public readonly record struct HourGrid
{
    private const long HourMs = 3_600_000;

    public HourGrid(int minutes) =>
        Minutes = minutes is 0 or 15 or 30 or 45 ? minutes : throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "0, 15, 30 or 45");

    /// <summary>UTC hours.</summary>
    public static HourGrid Utc => default;

    public int Minutes { get; }

    /// <summary>The grid of a zone's local hours, by its standard offset. (Lord Howe Island, whose
    /// clocks move half an hour in summer, is the one zone whose hours are then not on it.)</summary>
    public static HourGrid Of(TimeZoneInfo zone) => new(((-(int)zone.BaseUtcOffset.TotalMinutes % 60) + 60) % 60);

    /// <summary>The start of the hour <paramref name="unixMs"/> falls in.</summary>
    public long Floor(long unixMs)
    {
        var shifted = unixMs - (Minutes * 60_000L);
        return unixMs - (((shifted % HourMs) + HourMs) % HourMs);
    }

    public DateTimeOffset Floor(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(Floor(time.ToUnixTimeMilliseconds()));

    public override string ToString() => Minutes == 0 ? "UTC hours" : $"hours from minute {Minutes} of each UTC hour";
}
