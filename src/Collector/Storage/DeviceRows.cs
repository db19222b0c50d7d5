using System.Data.Common;

namespace EdgeEmotion.Collector.Storage;

/// <summary>Keeps each device's row: site (the latest given), the first and last event time
/// of its windows and visits, its window length (for coverage), its last status.</summary>
internal static class DeviceRows
{
    private const string SeenSql =
        """
        INSERT INTO devices (device, site, first_ms, last_ms, window_ms) VALUES (@d, @site, @f, @l, @w)
        ON CONFLICT (device) DO UPDATE SET
            site = COALESCE(excluded.site, devices.site),
            first_ms = CASE WHEN devices.first_ms IS NULL OR excluded.first_ms < devices.first_ms THEN excluded.first_ms ELSE devices.first_ms END,
            last_ms = CASE WHEN devices.last_ms IS NULL OR excluded.last_ms > devices.last_ms THEN excluded.last_ms ELSE devices.last_ms END,
            window_ms = COALESCE(excluded.window_ms, devices.window_ms)
        """;

    private const string StatusSql =
        """
        INSERT INTO devices (device, status, status_ms) VALUES (@d, @s, @t)
        ON CONFLICT (device) DO UPDATE SET status = excluded.status, status_ms = excluded.status_ms
        """;

    private const string SkipSql =
        """
        INSERT INTO skips (device, stream, from_seq, to_seq) VALUES (@d, @s, @f, @t)
        ON CONFLICT (device, stream, from_seq, to_seq) DO NOTHING
        """;

    /// <summary>
    /// Locks the batch's devices' rows (PostgreSQL; SQLite has one writer), in one order for
    /// every collector, before anything else: all rows a message changes (its stream, gaps,
    /// hour, histogram bins) are its device's, so two collectors whose batches share devices
    /// queue on the first shared device instead of deadlocking on an hour one holds and a
    /// stream the other does.
    /// </summary>
    public static async Task LockAsync(SqlDialect dialect, DbConnection connection, DbTransaction transaction, IEnumerable<string> devices, CancellationToken cancel)
    {
        foreach (var device in devices.Distinct().Order(StringComparer.Ordinal))
        {
            await connection.ExecuteAsync(transaction, "INSERT INTO devices (device) VALUES (@d) ON CONFLICT (device) DO NOTHING", cancel, ("d", device));
            if (dialect.LockRowSuffix.Length > 0)
            {
                await connection.ScalarAsync(transaction, "SELECT 1 FROM devices WHERE device = @d" + dialect.LockRowSuffix, cancel, ("d", device));
            }
        }
    }

    public static Task SeenAsync(DbConnection connection, DbTransaction transaction, string device, string? site, DateTimeOffset? first, DateTimeOffset? last, long? windowMs, CancellationToken cancel) =>
        connection.ExecuteAsync(transaction, SeenSql, cancel,
            ("d", device), ("site", site), ("f", first?.ToUnixTimeMilliseconds()), ("l", last?.ToUnixTimeMilliseconds()), ("w", windowMs));

    public static Task StatusAsync(DbConnection connection, DbTransaction transaction, StatusRecord status, CancellationToken cancel) =>
        connection.ExecuteAsync(transaction, StatusSql, cancel,
            ("d", status.Device), ("s", status.Status), ("t", status.ReceivedAt.ToUnixTimeMilliseconds()));

    public static Task SkipAsync(DbConnection connection, DbTransaction transaction, string device, StreamKind stream, SeqRange range, CancellationToken cancel) =>
        connection.ExecuteAsync(transaction, SkipSql, cancel, ("d", device), ("s", stream.Name()), ("f", range.From), ("t", range.To));
}
