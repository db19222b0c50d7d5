namespace EdgeEmotion.Collector.Storage;

/// <summary>The database's one <c>hour_grid</c> row (migration 006): written once, by the first
/// collector to open a database without one, and read by every start after.</summary>
internal static class HourGridRow
{
    /// <summary>The grid the database keeps: its row's, or <paramref name="newGrid"/> written now.
    /// Two collectors opening a new database together agree: the second one's insert does nothing.</summary>
    public static async Task<HourGrid> KeepAsync(SqlDialect dialect, HourGrid newGrid, CancellationToken cancel)
    {
        await using var connection = await dialect.OpenAsync(cancel);
        await connection.ExecuteAsync(null, "INSERT INTO hour_grid (id, minutes) VALUES (1, @m) ON CONFLICT (id) DO NOTHING", cancel, ("m", newGrid.Minutes));
        var minutes = await connection.ScalarAsync(null, "SELECT minutes FROM hour_grid WHERE id = 1", cancel);
        return new HourGrid(Convert.ToInt32(minutes, CultureInfo.InvariantCulture));
    }
}
