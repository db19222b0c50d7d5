using System.Text.RegularExpressions;
using EdgeEmotion.Collector.Reports;
using EdgeEmotion.Collector.Storage;

namespace EdgeEmotion.Collector.Api;

/// <summary>
/// Reads an endpoint's query parameters strictly: each known one at most once and well formed,
/// no unknown ones (a misspelt <c>devise=</c> would otherwise widen the answer silently). Every
/// problem is a <see cref="BadParameterException"/> naming the parameter.
/// </summary>
public sealed partial class QueryParameters
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 10_000;
    private readonly IQueryCollection _query;

    public QueryParameters(IQueryCollection query, params string[] known)
    {
        _query = query;
        foreach (var (name, values) in query)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                throw new BadParameterException(name, $"unknown parameter (this endpoint takes {string.Join(", ", known)})");
            }
            if (values.Count > 1)
            {
                throw new BadParameterException(name, "given more than once");
            }
        }
    }

    /// <summary>An RFC 3339 time with its offset, e.g. 2026-11-25T10:00:00Z or 2026-11-25T11:00:00+01:00.</summary>
    public DateTimeOffset Time(string name)
    {
        var text = Text(name) ?? throw new BadParameterException(name, "required: an RFC 3339 time such as 2026-11-25T00:00:00Z");
        if (!Rfc3339().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time))
        {
            throw new BadParameterException(name, $"'{text}' is not an RFC 3339 time (such as 2026-11-25T00:00:00Z or 2026-11-25T00:00:00+01:00)");
        }
        return time;
    }

    /// <summary><paramref name="toName"/>'s time, which must come after <paramref name="from"/>.</summary>
    public DateTimeOffset TimeAfter(string toName, DateTimeOffset from)
    {
        var to = Time(toName);
        return to > from ? to : throw new BadParameterException(toName, $"'{Text(toName)}' is not after from");
    }

    /// <summary>A period in whole hours of the rollups' <paramref name="grid"/>, their resolution:
    /// <paramref name="fromName"/>'s and <paramref name="toName"/>'s times each rounded down to the
    /// hour, the end at least an hour after the start.</summary>
    public (DateTimeOffset From, DateTimeOffset To) HourPeriod(HourGrid grid, string fromName = "from", string toName = "to")
    {
        var from = grid.Floor(Time(fromName));
        var to = grid.Floor(TimeAfter(toName, from));
        return to > from ? (from, to) : throw new BadParameterException(toName, $"must be at least the next whole hour after {fromName}");
    }

    public BucketSize Bucket(string name) => Text(name) switch
    {
        null or "day" => BucketSize.Day,
        "hour" => BucketSize.Hour,
        "week" => BucketSize.Week,
        var other => throw new BadParameterException(name, $"'{other}' is not one of hour, day, week"),
    };

    public OutputFormat Format(string name = "format") => Text(name) switch
    {
        null or "json" => OutputFormat.Json,
        "csv" => OutputFormat.Csv,
        var other => throw new BadParameterException(name, $"'{other}' is not one of json, csv"),
    };

    public int Limit(string name = "limit")
    {
        var text = Text(name);
        if (text is null)
        {
            return DefaultLimit;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit
            ? limit
            : throw new BadParameterException(name, $"'{text}' is not a whole number from 1 to {MaxLimit}");
    }

    public PageCursor? Cursor(string name = "after")
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }
        return PageCursor.TryDecode(text, out var cursor) ? cursor : throw new BadParameterException(name, $"'{text}' is not a page's 'next' value");
    }

    /// <summary>An IANA time zone (Europe/Berlin), or <paramref name="fallback"/> (Reports:TimeZone) when absent.</summary>
    public TimeZoneInfo TimeZone(string name, TimeZoneInfo fallback)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }
        // Checked first: the name becomes a path under the system's zoneinfo folder.
        if (IanaName().IsMatch(text))
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(text);
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                // answered below
            }
        }
        throw new BadParameterException(name, $"'{text}' is not a time zone of this system (an IANA name such as Europe/Berlin)");
    }

    /// <summary>An optional name (device, site): absent is null, present must not be empty.</summary>
    public string? Name(string name)
    {
        var text = Text(name);
        return text is null || text.Trim().Length > 0 ? text : throw new BadParameterException(name, "empty: leave it out to mean all");
    }

    private string? Text(string name) => _query.TryGetValue(name, out var values) ? values[0] ?? "" : null;

    [GeneratedRegex("^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$")]
    private static partial Regex IanaName();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}
