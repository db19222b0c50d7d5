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
            window_ms = CASE
                WHEN excluded.window_ms IS NULL THEN devices.window_ms
                WHEN devices.window_ms IS NULL OR excluded.window_ms >= devices.window_ms THEN excluded.window_ms
                WHEN EXISTS (SELECT 1 FROM windows p WHERE p.device = excluded.device AND p.seq = @ps AND p.end_ms = @ws AND p.end_ms - p.start_ms = excluded.window_ms)
                    THEN excluded.window_ms
                ELSE devices.window_ms END
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
    /// stream the other does. Two statements for the whole batch: the rows are created in that
    /// order and locked in it (the lock is taken on the rows as the sort returns them).
    /// </summary>
    public static async Task LockAsync(SqlDialect dialect, DbConnection connection, DbTransaction transaction, IEnumerable<string> devices, CancellationToken cancel)
    {
        var sorted = devices.Distinct().Order(StringComparer.Ordinal).ToArray();
        if (sorted.Length == 0)
        {
            return;
        }
        var names = new InList("d", sorted);
        await connection.ExecuteAsync(transaction, $"INSERT INTO devices (device) VALUES {names.Rows} ON CONFLICT (device) DO NOTHING", cancel, names.Parameters);
        if (dialect.LockRowSuffix.Length > 0)
        {
            await connection.ExecuteAsync(transaction, $"SELECT 1 FROM devices WHERE device IN ({names.List}) ORDER BY device" + dialect.LockRowSuffix, cancel, names.Parameters);
        }
    }

    /// <param name="window">A whole-looking window of the batch: its length is the device's if
    /// not shorter than the stored one, or if the window before it (seq − 1) is as long and ends
    /// where it starts (see <see cref="HourlyRollup"/>).</param>
    public static void Seen(StatementBatch writes, string device, string? site, DateTimeOffset? first, DateTimeOffset? last, WindowLength? window) =>
        writes.Add(SeenSql, ("d", device), ("site", site), ("f", first?.ToUnixTimeMilliseconds()), ("l", last?.ToUnixTimeMilliseconds()),
            ("w", window?.Ms), ("ps", window?.Seq - 1), ("ws", window?.StartMs));

    public static void Status(StatementBatch writes, StatusRecord status) =>
        writes.Add(StatusSql, ("d", status.Device), ("s", status.Status), ("t", status.ReceivedAt.ToUnixTimeMilliseconds()));

    public static void Skip(StatementBatch writes, string device, StreamKind stream, SeqRange range) =>
        writes.Add(SkipSql, ("d", device), ("s", stream.Name()), ("f", range.From), ("t", range.To));
}
