using System.Data.Common;

namespace EdgeEmotion.Collector.Storage;

/// <summary>
/// Judges one seq of a device's stream inside the batch's transaction: new (and then the seen
/// range and the gaps are updated) or a duplicate. The stream's row is read locked (PostgreSQL:
/// FOR UPDATE; SQLite has one writer), so two collectors judging the same stream queue up.
/// New is: after the last seen (a jump opens a gap), before the first seen (the gap between is
/// a gap too), or inside a recorded gap (which shrinks or splits). Anything else was stored
/// before: the judgement does not depend on raw rows, which retention deletes.
/// </summary>
internal static class SeqLedger
{
    public static async Task<bool> AdmitAsync(SqlDialect dialect, DbConnection connection, DbTransaction transaction, string device, StreamKind stream, long seq, CancellationToken cancel)
    {
        var name = stream.Name();
        await connection.ExecuteAsync(transaction,
            "INSERT INTO streams (device, stream) VALUES (@d, @s) ON CONFLICT (device, stream) DO NOTHING", cancel, ("d", device), ("s", name));
        long? first, last;
        await using (var read = connection.Command(transaction, "SELECT first_seq, last_seq FROM streams WHERE device = @d AND stream = @s" + dialect.LockRowSuffix, ("d", device), ("s", name)))
        await using (var reader = await read.ExecuteReaderAsync(cancel))
        {
            await reader.ReadAsync(cancel);
            first = reader.LongOrNull(0);
            last = reader.LongOrNull(1);
        }

        if (first is null || last is null)
        {
            await SetRangeAsync(connection, transaction, device, name, seq, seq, cancel);
            return true;
        }
        if (seq > last)
        {
            if (seq > last + 1)
            {
                await AddGapAsync(connection, transaction, device, name, new SeqRange(last.Value + 1, seq - 1), cancel);
            }
            await SetRangeAsync(connection, transaction, device, name, first.Value, seq, cancel);
            return true;
        }
        if (seq < first)
        {
            if (seq < first - 1)
            {
                await AddGapAsync(connection, transaction, device, name, new SeqRange(seq + 1, first.Value - 1), cancel);
            }
            await SetRangeAsync(connection, transaction, device, name, seq, last.Value, cancel);
            return true;
        }
        return await FillGapAsync(connection, transaction, device, name, seq, cancel);
    }

    public static Task CountDuplicateAsync(DbConnection connection, DbTransaction transaction, string device, StreamKind stream, CancellationToken cancel) =>
        connection.ExecuteAsync(transaction, "UPDATE streams SET duplicates = duplicates + 1 WHERE device = @d AND stream = @s", cancel,
            ("d", device), ("s", stream.Name()));

    public static Task CountStoredAsync(DbConnection connection, DbTransaction transaction, string device, StreamKind stream, DateTimeOffset eventTime, DateTimeOffset now, CancellationToken cancel) =>
        connection.ExecuteAsync(transaction,
            "UPDATE streams SET stored = stored + 1, last_stored_ms = @now, last_lag_ms = @lag WHERE device = @d AND stream = @s", cancel,
            ("d", device), ("s", stream.Name()), ("now", now.ToUnixTimeMilliseconds()), ("lag", (now - eventTime).Ticks / TimeSpan.TicksPerMillisecond));

    private static Task<int> SetRangeAsync(DbConnection connection, DbTransaction transaction, string device, string stream, long first, long last, CancellationToken cancel) =>
        connection.ExecuteAsync(transaction, "UPDATE streams SET first_seq = @f, last_seq = @l WHERE device = @d AND stream = @s", cancel,
            ("d", device), ("s", stream), ("f", first), ("l", last));

    private static Task<int> AddGapAsync(DbConnection connection, DbTransaction transaction, string device, string stream, SeqRange gap, CancellationToken cancel) =>
        connection.ExecuteAsync(transaction, "INSERT INTO gaps (device, stream, from_seq, to_seq) VALUES (@d, @s, @f, @t)", cancel,
            ("d", device), ("s", stream), ("f", gap.From), ("t", gap.To));

    private static async Task<bool> FillGapAsync(DbConnection connection, DbTransaction transaction, string device, string stream, long seq, CancellationToken cancel)
    {
        SeqRange gap;
        await using (var find = connection.Command(transaction,
            "SELECT from_seq, to_seq FROM gaps WHERE device = @d AND stream = @s AND from_seq <= @q AND to_seq >= @q", ("d", device), ("s", stream), ("q", seq)))
        await using (var reader = await find.ExecuteReaderAsync(cancel))
        {
            if (!await reader.ReadAsync(cancel))
            {
                return false;
            }
            gap = new SeqRange(reader.Long(0), reader.Long(1));
        }
        await connection.ExecuteAsync(transaction, "DELETE FROM gaps WHERE device = @d AND stream = @s AND from_seq = @f", cancel,
            ("d", device), ("s", stream), ("f", gap.From));
        if (seq > gap.From)
        {
            await AddGapAsync(connection, transaction, device, stream, new SeqRange(gap.From, seq - 1), cancel);
        }
        if (seq < gap.To)
        {
            await AddGapAsync(connection, transaction, device, stream, new SeqRange(seq + 1, gap.To), cancel);
        }
        return true;
    }
}
