using System.Data.Common;
using System.Text;

namespace EdgeEmotion.Collector.Storage;

/// <summary>The API's reads. Each opens its own connection (SQLite's WAL lets readers run
/// beside the writer).</summary>
public sealed partial class StoreReader(SqlDialect dialect)
{
    public async Task<IReadOnlyList<StreamGaps>> GapsAsync(string? device, CancellationToken cancel)
    {
        await using var connection = await dialect.OpenAsync(cancel);
        var gaps = await RangesAsync(connection, "gaps", device, cancel);
        var skips = await RangesAsync(connection, "skips", device, cancel);
        return [.. gaps
            .Select(g => new StreamGaps(g.Key.Device, g.Key.Stream, SeqRanges.Subtract(g.Value, skips.GetValueOrDefault(g.Key) ?? [])))
            .Where(g => g.Missing.Count > 0)
            .OrderBy(g => g.Device, StringComparer.Ordinal).ThenBy(g => g.Stream)];
    }

    public async Task<IReadOnlyList<DeviceRow>> DevicesAsync(CancellationToken cancel)
    {
        var gaps = (await GapsAsync(null, cancel)).GroupBy(g => g.Device).ToDictionary(g => g.Key, g => g.Sum(s => s.Missing.Count));
        await using var connection = await dialect.OpenAsync(cancel);
        await using var command = connection.Command(null, "SELECT device, site, first_ms, last_ms, window_ms, status, status_ms FROM devices ORDER BY device");
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var rows = new List<DeviceRow>();
        while (await reader.ReadAsync(cancel))
        {
            var device = reader.GetString(0);
            rows.Add(new DeviceRow(device, reader.StringOrNull(1), Time(reader.LongOrNull(2)), Time(reader.LongOrNull(3)),
                reader.LongOrNull(4) is { } w ? TimeSpan.FromMilliseconds(w) : null, reader.StringOrNull(5), Time(reader.LongOrNull(6)),
                gaps.GetValueOrDefault(device)));
        }
        return rows;
    }

    /// <summary>The hourly rollups of the hours starting in [from, to), summed per hour: the
    /// fleet's own rows (<c>hourly_fleet</c>) for the whole fleet, else the devices' in scope.</summary>
    public async Task<IReadOnlyList<HourRow>> HoursAsync(DateTimeOffset from, DateTimeOffset to, string? device, string? site, CancellationToken cancel)
    {
        var (where, parameters) = Scope(from, to, device, site);
        var sql = device is null && site is null
            ? $"SELECT hour_ms, {RollupColumns.List} FROM hourly_fleet WHERE hour_ms >= @from AND hour_ms < @to ORDER BY hour_ms"
            : $"SELECT hour_ms, {RollupColumns.Sums} FROM hourly WHERE {where} GROUP BY hour_ms ORDER BY hour_ms";
        await using var connection = await dialect.OpenAsync(cancel);
        await using var command = connection.Command(null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var rows = new List<HourRow>();
        var n = EmotionColumns.Count;
        while (await reader.ReadAsync(cancel))
        {
            rows.Add(new HourRow(
                Time(reader.Long(0))!.Value, reader.Long(1), reader.Long(2), reader.Long(3),
                [.. Enumerable.Range(4, n).Select(reader.Long)],
                reader.Long(4 + n), reader.Long(5 + n), reader.Double(6 + n), reader.Double(7 + n),
                [.. Enumerable.Range(8 + n, n).Select(reader.Long)],
                [.. Enumerable.Range(8 + (2 * n), n).Select(reader.Double)],
                reader.Long(8 + (3 * n)), reader.Double(9 + (3 * n))));
        }
        return rows;
    }

    public async Task<IReadOnlyList<HistogramRow>> HistogramsAsync(DateTimeOffset from, DateTimeOffset to, string? device, string? site, CancellationToken cancel)
    {
        var (where, parameters) = Scope(from, to, device, site, "h");
        // The site is the hourly row's: every histogram row has one for its device and hour.
        var sql = device is null && site is null
            ? $"SELECT h.hour_ms, h.metric, h.bin, h.count FROM hourly_fleet_histograms h WHERE {where}"
            : site is null
            ? $"SELECT h.hour_ms, h.metric, h.bin, CAST(SUM(h.count) AS bigint) FROM hourly_histograms h WHERE {where} GROUP BY h.hour_ms, h.metric, h.bin"
            : $"""
              SELECT h.hour_ms, h.metric, h.bin, CAST(SUM(h.count) AS bigint) FROM hourly_histograms h
              JOIN hourly ON hourly.device = h.device AND hourly.hour_ms = h.hour_ms
              WHERE {where} GROUP BY h.hour_ms, h.metric, h.bin
              """;
        await using var connection = await dialect.OpenAsync(cancel);
        await using var command = connection.Command(null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var rows = new List<HistogramRow>();
        // Typed reads (both providers give these columns as integers of these sizes): a 30-day
        // fleet summary reads some 100,000 rows, and boxing each value to convert it cost
        // more than the query itself.
        while (await reader.ReadAsync(cancel))
        {
            rows.Add(new HistogramRow(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetInt16(1), reader.GetInt16(2), reader.GetInt64(3)));
        }
        return rows;
    }

    /// <summary>The devices a summary covers (by the filters), with their first window and length.</summary>
    public async Task<IReadOnlyList<CoverageRow>> CoverageAsync(string? device, string? site, CancellationToken cancel)
    {
        var sql = new StringBuilder("SELECT device, first_ms, window_ms FROM devices WHERE first_ms IS NOT NULL AND window_ms > 0");
        var parameters = new List<(string, object?)>();
        if (device is not null)
        {
            sql.Append(" AND device = @device");
            parameters.Add(("device", device));
        }
        if (site is not null)
        {
            sql.Append(" AND site = @site");
            parameters.Add(("site", site));
        }
        await using var connection = await dialect.OpenAsync(cancel);
        await using var command = connection.Command(null, sql.ToString(), [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var rows = new List<CoverageRow>();
        while (await reader.ReadAsync(cancel))
        {
            rows.Add(new CoverageRow(reader.GetString(0), Time(reader.Long(1))!.Value, TimeSpan.FromMilliseconds(reader.Long(2))));
        }
        return rows;
    }

    public Task<Page<StoredVisit>> VisitsAsync(DateTimeOffset from, DateTimeOffset to, string? device, PageCursor? after, int limit, CancellationToken cancel) =>
        PageAsync("visits", $"dwell_s, attention_s, watcher, frames, emotion, {EmotionColumns.List("es")}, face_s, looked", from, to, device, after, limit, r =>
        {
            var n = EmotionColumns.Count;
            return new StoredVisit(r.GetString(0), r.StringOrNull(1), r.Long(2), Time(r.Long(3))!.Value, Time(r.Long(4))!.Value,
                r.Double(5), r.Double(6), r.Long(7) != 0, (int)r.Long(8), r.LongOrNull(9) is { } e ? EmotionColumns.Labels[(int)e] : null,
                [.. Enumerable.Range(10, n).Select(r.Double)], r.IsDBNull(10 + n) ? null : r.Double(10 + n), r.LongOrNull(11 + n) is { } looked ? looked != 0 : null);
        }, cancel);

    public Task<Page<StoredWindow>> WindowsAsync(DateTimeOffset from, DateTimeOffset to, string? device, PageCursor? after, int limit, CancellationToken cancel) =>
        PageAsync("windows", $"frames, faces, {EmotionColumns.List("ff")}, present, new_visitors, looking, dwell_s, attention_s", from, to, device, after, limit, r =>
        {
            var n = EmotionColumns.Count;
            return new StoredWindow(r.GetString(0), r.StringOrNull(1), r.Long(2), Time(r.Long(3))!.Value, Time(r.Long(4))!.Value,
                (int)r.Long(5), (int)r.Long(6), [.. Enumerable.Range(7, n).Select(r.Long)],
                (int)r.Long(7 + n), (int)r.Long(8 + n), (int)r.Long(9 + n), r.Double(10 + n), r.Double(11 + n));
        }, cancel);

    public async Task<HealthRow> HealthAsync(CancellationToken cancel)
    {
        var gaps = await GapsAsync(null, cancel);
        await using var connection = await dialect.OpenAsync(cancel);
        await using var command = connection.Command(null,
            "SELECT SUM(stored), SUM(duplicates), MAX(last_stored_ms) FROM streams");
        long stored, duplicates;
        long? lastMs;
        await using (var reader = await command.ExecuteReaderAsync(cancel))
        {
            await reader.ReadAsync(cancel);
            stored = reader.LongOrNull(0) ?? 0;
            duplicates = reader.LongOrNull(1) ?? 0;
            lastMs = reader.LongOrNull(2);
        }
        var lag = lastMs is null ? null
            : await connection.ScalarAsync(null, "SELECT last_lag_ms FROM streams WHERE last_stored_ms = @t", cancel, ("t", lastMs));
        return new HealthRow(stored, duplicates, Time(lastMs), lag is null ? null : TimeSpan.FromMilliseconds(Convert.ToInt64(lag, System.Globalization.CultureInfo.InvariantCulture)),
            gaps.Sum(g => g.Missing.Count), gaps.Sum(g => g.MissingCount), await dialect.DatabaseBytesAsync(connection, cancel));
    }

    private async Task<Page<T>> PageAsync<T>(string table, string columns, DateTimeOffset from, DateTimeOffset to, string? device, PageCursor? after, int limit,
        Func<DbDataReader, T> read, CancellationToken cancel)
    {
        var sql = new StringBuilder($"SELECT device, site, seq, start_ms, end_ms, {columns} FROM {table} WHERE start_ms >= @from AND start_ms < @to");
        var parameters = new List<(string, object?)> { ("from", from.ToUnixTimeMilliseconds()), ("to", to.ToUnixTimeMilliseconds()), ("limit", limit + 1) };
        if (device is not null)
        {
            sql.Append(" AND device = @device");
            parameters.Add(("device", device));
        }
        if (after is { } a)
        {
            sql.Append(" AND (start_ms > @as OR (start_ms = @as AND (device > @ad OR (device = @ad AND seq > @aq))))");
            parameters.AddRange([("as", a.StartMs), ("ad", a.Device), ("aq", a.Seq)]);
        }
        sql.Append(" ORDER BY start_ms, device, seq LIMIT @limit");
        await using var connection = await dialect.OpenAsync(cancel);
        await using var command = connection.Command(null, sql.ToString(), [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var rows = new List<T>();
        var more = false;
        while (await reader.ReadAsync(cancel))
        {
            // One row past the page asked for tells that there is a next page.
            if (rows.Count == limit)
            {
                more = true;
                break;
            }
            rows.Add(read(reader));
        }
        return new Page<T>(rows, more ? Cursor(rows[^1]) : null);
    }

    private static string Cursor<T>(T row) => row switch
    {
        StoredVisit v => new PageCursor(v.Start.ToUnixTimeMilliseconds(), v.Device, v.Seq).Encode(),
        StoredWindow w => new PageCursor(w.Start.ToUnixTimeMilliseconds(), w.Device, w.Seq).Encode(),
        _ => throw new ArgumentException("not a raw row", nameof(row)),
    };

    /// <param name="table">The table (or alias) whose hour and device are filtered; the site
    /// is always the <c>hourly</c> row's.</param>
    private static (string Where, (string, object?)[] Parameters) Scope(DateTimeOffset from, DateTimeOffset to, string? device, string? site, string table = "hourly")
    {
        var where = new StringBuilder($"{table}.hour_ms >= @from AND {table}.hour_ms < @to");
        var parameters = new List<(string, object?)> { ("from", from.ToUnixTimeMilliseconds()), ("to", to.ToUnixTimeMilliseconds()) };
        if (device is not null)
        {
            where.Append($" AND {table}.device = @device");
            parameters.Add(("device", device));
        }
        if (site is not null)
        {
            where.Append(" AND hourly.site = @site");
            parameters.Add(("site", site));
        }
        return (where.ToString(), [.. parameters]);
    }

    private static async Task<Dictionary<(string Device, StreamKind Stream), List<SeqRange>>> RangesAsync(DbConnection connection, string table, string? device, CancellationToken cancel)
    {
        await using var command = device is null
            ? connection.Command(null, $"SELECT device, stream, from_seq, to_seq FROM {table}")
            : connection.Command(null, $"SELECT device, stream, from_seq, to_seq FROM {table} WHERE device = @d", ("d", device));
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var ranges = new Dictionary<(string, StreamKind), List<SeqRange>>();
        while (await reader.ReadAsync(cancel))
        {
            var key = (reader.GetString(0), StreamKindNames.Parse(reader.GetString(1)));
            if (!ranges.TryGetValue(key, out var list))
            {
                ranges[key] = list = [];
            }
            list.Add(new SeqRange(reader.Long(2), reader.Long(3)));
        }
        return ranges;
    }

    private static DateTimeOffset? Time(long? ms) => ms is { } m ? DateTimeOffset.FromUnixTimeMilliseconds(m) : null;
}
