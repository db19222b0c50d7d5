using System.Data.Common;
using EdgeEmotion.Collector.Storage.Migrations;

namespace EdgeEmotion.Collector.Storage;

/// <summary>
/// The collector's writes: a batch of messages in one transaction (a window or visit stored
/// once, its seq judged by a <see cref="StreamLedger"/>, rolled up by <see cref="HourlyRollup"/>),
/// and retention's deletes. The caller acknowledges the batch's messages only after
/// <see cref="StoreAsync"/> returns, so a crash before the commit loses nothing the broker holds.
/// </summary>
public sealed class CollectorStore : IAsyncDisposable
{
    private const int Attempts = 5;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly TimeProvider _clock;

    private CollectorStore(SqlDialect dialect, HourGrid grid, TimeProvider clock)
    {
        Dialect = dialect;
        Grid = grid;
        _clock = clock;
        Reader = new StoreReader(dialect);
    }

    public SqlDialect Dialect { get; }

    public StoreReader Reader { get; }

    /// <summary>After each commit, what it stored: every stats and status message (in the batch's
    /// order), then the windows and then the visits stored for the first time (not those dropped as
    /// duplicates); nothing for a batch that rolled back. Raised on the writer, one commit at a time.</summary>
    public event Action<IReadOnlyList<CollectorMessage>>? Stored;

    /// <summary>Where the database's rollup hours start: chosen when its first collector opened it
    /// empty, kept for good.</summary>
    public HourGrid Grid { get; }

    /// <summary>Opens the database and applies the migrations it lacks; a new database keeps UTC hours.</summary>
    public static Task<CollectorStore> OpenAsync(StorageSettings settings, TimeProvider clock, CancellationToken cancel) =>
        OpenAsync(settings, clock, HourGrid.Utc, cancel);

    /// <summary>Opens the database and applies the migrations it lacks; a database without a grid
    /// yet (new, or without rollups when migration 006 came) takes <paramref name="newGrid"/>.</summary>
    public static async Task<CollectorStore> OpenAsync(StorageSettings settings, TimeProvider clock, HourGrid newGrid, CancellationToken cancel)
    {
        var dialect = settings.CreateDialect();
        try
        {
            await Migrator.MigrateAsync(dialect, cancel);
            return new CollectorStore(dialect, await HourGridRow.KeepAsync(dialect, newGrid, cancel), clock);
        }
        catch
        {
            await dialect.DisposeAsync();
            throw;
        }
    }

    public async Task<StoreResult> StoreAsync(IReadOnlyList<CollectorMessage> batch, CancellationToken cancel)
    {
        await _writer.WaitAsync(cancel);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await StoreOnceAsync(batch, cancel);
                }
                catch (DbException error) when (attempt < Attempts && Dialect.IsRetryable(error))
                {
                    // Another collector held a row this batch needed: all of it was rolled back.
                    await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt), _clock, cancel);
                }
            }
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Deletes raw windows and visits that started before the cutoffs; rollups stay.</summary>
    public async Task<(int Windows, int Visits)> DeleteRawBeforeAsync(DateTimeOffset windowsBefore, DateTimeOffset visitsBefore, CancellationToken cancel)
    {
        await using var connection = await Dialect.OpenAsync(cancel);
        var windows = await connection.ExecuteAsync(null, "DELETE FROM windows WHERE start_ms < @t", cancel, ("t", windowsBefore.ToUnixTimeMilliseconds()));
        var visits = await connection.ExecuteAsync(null, "DELETE FROM visits WHERE start_ms < @t", cancel, ("t", visitsBefore.ToUnixTimeMilliseconds()));
        return (windows, visits);
    }

    public async ValueTask DisposeAsync()
    {
        await Dialect.DisposeAsync();
        _writer.Dispose();
    }

    private async Task<StoreResult> StoreOnceAsync(IReadOnlyList<CollectorMessage> batch, CancellationToken cancel)
    {
        await using var connection = await Dialect.OpenAsync(cancel);
        await using var transaction = await Dialect.BeginWriteAsync(connection, cancel);
        var result = new StoreResult();
        var now = _clock.GetUtcNow();
        await DeviceRows.LockAsync(Dialect, connection, transaction, batch.Select(m => m.Device), cancel);
        var ledgers = await StreamLedger.LoadAsync(connection, transaction, StreamsOf(batch), cancel);
        var rollup = new HourlyRollup(Grid);
        // Everything but the reads and the raw rows' inserts goes to the database at the end, together.
        var writes = new StatementBatch();
        // Judged first, in arrival order (a seq twice in one batch is a duplicate the second time),
        // then inserted together.
        var newWindows = new List<WindowRecord>();
        var newVisits = new List<VisitRecord>();
        var stored = new List<CollectorMessage>();
        foreach (var message in batch)
        {
            switch (message)
            {
                case WindowRecord w:
                    result += Judge(ledgers[(w.Device, StreamKind.Emotions)], w.Seq, w, newWindows);
                    break;
                case VisitRecord v:
                    result += Judge(ledgers[(v.Device, StreamKind.Visits)], v.Seq, v, newVisits);
                    break;
                case StatsRecord s:
                    rollup.See(s.Device, s.Site);
                    Skips(writes, s);
                    stored.Add(s);
                    break;
                case StatusRecord s:
                    DeviceRows.Status(writes, s);
                    stored.Add(s);
                    break;
                default:
                    throw new ArgumentException($"{message.GetType().Name} is not a message the store keeps", nameof(batch));
            }
        }
        var windowsIn = await RawRecords.InsertAsync(Dialect, connection, transaction, newWindows, cancel);
        foreach (var w in newWindows)
        {
            result += Count(ledgers[(w.Device, StreamKind.Emotions)], windowsIn.Contains((w.Device, w.Seq)), w, w.End, () => rollup.Add(w), stored);
        }
        var visitsIn = await RawRecords.InsertAsync(Dialect, connection, transaction, newVisits, cancel);
        foreach (var v in newVisits)
        {
            result += Count(ledgers[(v.Device, StreamKind.Visits)], visitsIn.Contains((v.Device, v.Seq)), v, v.End, () => rollup.Add(v), stored);
        }
        foreach (var ledger in ledgers.Values)
        {
            ledger.Save(writes, now);
        }
        rollup.Save(writes, Dialect.BindsArrays);
        await writes.ExecuteAsync(connection, transaction, cancel);
        await transaction.CommitAsync(cancel);
        Stored?.Invoke(stored);
        return result;
    }

    /// <summary>A seq the ledger has seen is a duplicate now; a new one waits for its insert.</summary>
    private static StoreResult Judge<T>(StreamLedger ledger, long seq, T record, List<T> admitted)
    {
        if (ledger.Admit(seq))
        {
            admitted.Add(record);
            return default;
        }
        ledger.CountDuplicate();
        return new StoreResult(0, 1);
    }

    /// <summary>An admitted record whose row went in is stored (and rolled up); one whose row was
    /// there already (the ledger's last guard) is a duplicate.</summary>
    private static StoreResult Count(StreamLedger ledger, bool inserted, CollectorMessage record, DateTimeOffset eventTime, Action rollUp, List<CollectorMessage> stored)
    {
        if (!inserted)
        {
            ledger.CountDuplicate();
            return new StoreResult(0, 1);
        }
        ledger.CountStored(eventTime);
        rollUp();
        stored.Add(record);
        return new StoreResult(1, 0);
    }

    private static HashSet<(string, StreamKind)> StreamsOf(IReadOnlyList<CollectorMessage> batch) =>
    [
        .. batch.Select(m => m switch
        {
            WindowRecord w => (w.Device, StreamKind.Emotions),
            VisitRecord v => (v.Device, StreamKind.Visits),
            _ => ((string, StreamKind)?)null,
        }).OfType<(string, StreamKind)>(),
    ];

    private static void Skips(StatementBatch writes, StatsRecord s)
    {
        if (s.EmotionsSkipped is { } emotions)
        {
            DeviceRows.Skip(writes, s.Device, StreamKind.Emotions, emotions);
        }
        if (s.VisitsSkipped is { } visits)
        {
            DeviceRows.Skip(writes, s.Device, StreamKind.Visits, visits);
        }
    }
}
