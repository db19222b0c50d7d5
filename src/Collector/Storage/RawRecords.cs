using System.Data.Common;
using System.Text;

namespace EdgeEmotion.Collector.Storage;

/// <summary>Inserts a batch's new windows' or visits' raw rows, <see cref="SqlDialect.RowsPerInsert"/>
/// rows per statement (one round trip per statement counts on PostgreSQL). ON CONFLICT DO NOTHING is the unique
/// (device, stream, seq) rule's last guard behind the ledger; RETURNING tells which went in.</summary>
internal static class RawRecords
{
    private static readonly string[] WindowColumns =
        ["device", "seq", "site", "start_ms", "end_ms", "frames", "faces", .. EmotionColumns.Names("ff"), "present", "new_visitors", "looking", "dwell_s", "attention_s"];

    private static readonly string[] VisitColumns =
        ["device", "seq", "site", "start_ms", "end_ms", "dwell_s", "attention_s", "watcher", "frames", "emotion", .. EmotionColumns.Names("es"), "face_s", "looked"];

    /// <returns>The (device, seq) of the rows inserted.</returns>
    public static Task<HashSet<(string, long)>> InsertAsync(SqlDialect dialect, DbConnection connection, DbTransaction transaction, IReadOnlyList<WindowRecord> windows, CancellationToken cancel) =>
        InsertAsync(dialect.RowsPerInsert, connection, transaction, "windows", WindowColumns, windows, w =>
        [
            w.Device, w.Seq, w.Site, w.Start.ToUnixTimeMilliseconds(), w.End.ToUnixTimeMilliseconds(), w.Frames, w.Faces, .. w.FaceFrames.Cast<object?>(),
            w.VisitorsPresent, w.VisitorsNew, w.VisitorsLooking, w.DwellSeconds, w.AttentionSeconds,
        ], cancel);

    public static Task<HashSet<(string, long)>> InsertAsync(SqlDialect dialect, DbConnection connection, DbTransaction transaction, IReadOnlyList<VisitRecord> visits, CancellationToken cancel) =>
        InsertAsync(dialect.RowsPerInsert, connection, transaction, "visits", VisitColumns, visits, v =>
        [
            v.Device, v.Seq, v.Site, v.Start.ToUnixTimeMilliseconds(), v.End.ToUnixTimeMilliseconds(), v.DwellSeconds, v.AttentionSeconds,
            (short)(v.Watcher ? 1 : 0), v.Frames, v.Emotion is { } e ? (short)e : null, .. v.EmotionSeconds.Cast<object?>(),
            v.FaceSeconds, v.Looked is { } looked ? (short)(looked ? 1 : 0) : null,
        ], cancel);

    private static async Task<HashSet<(string, long)>> InsertAsync<T>(int rowsPerStatement, DbConnection connection, DbTransaction transaction, string table, string[] columns,
        IReadOnlyList<T> rows, Func<T, object?[]> values, CancellationToken cancel)
    {
        var inserted = new HashSet<(string, long)>();
        // One command per statement size, its parameters given new values for each chunk: SQLite
        // parses and plans a statement once instead of once a row (a third of the batch's time).
        DbCommand? full = null;
        try
        {
            foreach (var chunk in rows.Chunk(rowsPerStatement))
            {
                var partial = chunk.Length < rowsPerStatement;
                var command = partial ? Command(connection, transaction, table, columns, chunk.Length) : full ??= Command(connection, transaction, table, columns, chunk.Length);
                try
                {
                    for (var r = 0; r < chunk.Length; r++)
                    {
                        var row = values(chunk[r]);
                        for (var c = 0; c < columns.Length; c++)
                        {
                            command.Parameters[(r * columns.Length) + c].Value = row[c] ?? DBNull.Value;
                        }
                    }
                    await using var reader = await command.ExecuteReaderAsync(cancel);
                    while (await reader.ReadAsync(cancel))
                    {
                        inserted.Add((reader.GetString(0), reader.Long(1)));
                    }
                }
                finally
                {
                    if (partial)
                    {
                        await command.DisposeAsync();
                    }
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
        return inserted;
    }

    /// <summary>INSERT of <paramref name="rowCount"/> rows, its parameters in row order (values unset).</summary>
    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string table, string[] columns, int rowCount)
    {
        var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
        var parameters = new List<(string, object?)>(rowCount * columns.Length);
        for (var r = 0; r < rowCount; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"p{r}_{c}");
                sql.Append(c == 0 ? "@" : ", @").Append(name);
                parameters.Add((name, null));
            }
            sql.Append(')');
        }
        sql.Append(" ON CONFLICT (device, seq) DO NOTHING RETURNING device, seq");
        return connection.Command(transaction, sql.ToString(), [.. parameters]);
    }
}
