using System.Data.Common;
using EdgeEmotion.Collector.Storage.Migrations;

namespace EdgeEmotion.Collector.Storage;

/// <summary>
/// The collector's writes: a batch of messages in one transaction (a window or visit stored
/// once, its seq judged by <see cref="SeqLedger"/>, rolled up by <see cref="HourlyRollup"/>),
/// and retention's deletes. The caller acknowledges the batch's messages only after
/// <see cref="StoreAsync"/> returns, so a crash before the commit loses nothing the broker holds.
/// </summary>
public sealed class CollectorStore : IAsyncDisposable
{
    private const int Attempts = 5;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly TimeProvider _clock;

    private CollectorStore(SqlDialect dialect, TimeProvider clock)
    {
        Dialect = dialect;
        _clock = clock;
        Reader = new StoreReader(dialect);
    }

    public SqlDialect Dialect { get; }

    public StoreReader Reader { get; }

    /// <summary>Opens the database and applies the migrations it lacks.</summary>
    public static async Task<CollectorStore> OpenAsync(StorageSettings settings, TimeProvider clock, CancellationToken cancel)
    {
        var dialect = settings.CreateDialect();
        try
        {
            await Migrator.MigrateAsync(dialect, cancel);
        }
        catch
        {
            await dialect.DisposeAsync();
            throw;
        }
        return new CollectorStore(dialect, clock);
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
        foreach (var message in batch)
        {
            result += message switch
            {
                WindowRecord w => await StoreAsync(connection, transaction, w, now, cancel),
                VisitRecord v => await StoreAsync(connection, transaction, v, now, cancel),
                StatsRecord s => await StoreAsync(connection, transaction, s, cancel),
                StatusRecord s => await StoreAsync(connection, transaction, s, cancel),
                _ => throw new ArgumentException($"{message.GetType().Name} is not a message the store keeps", nameof(batch)),
            };
        }
        await transaction.CommitAsync(cancel);
        return result;
    }

    private async Task<StoreResult> StoreAsync(DbConnection connection, DbTransaction transaction, WindowRecord w, DateTimeOffset now, CancellationToken cancel)
    {
        if (!await SeqLedger.AdmitAsync(Dialect, connection, transaction, w.Device, StreamKind.Emotions, w.Seq, cancel)
            || !await RawRecords.InsertAsync(connection, transaction, w, cancel))
        {
            await SeqLedger.CountDuplicateAsync(connection, transaction, w.Device, StreamKind.Emotions, cancel);
            return new StoreResult(0, 1);
        }
        await HourlyRollup.AddAsync(connection, transaction, w, cancel);
        await DeviceRows.SeenAsync(connection, transaction, w.Device, w.Site, w.Start, w.End, (long)(w.End - w.Start).TotalMilliseconds, cancel);
        await SeqLedger.CountStoredAsync(connection, transaction, w.Device, StreamKind.Emotions, w.End, now, cancel);
        return new StoreResult(1, 0);
    }

    private async Task<StoreResult> StoreAsync(DbConnection connection, DbTransaction transaction, VisitRecord v, DateTimeOffset now, CancellationToken cancel)
    {
        if (!await SeqLedger.AdmitAsync(Dialect, connection, transaction, v.Device, StreamKind.Visits, v.Seq, cancel)
            || !await RawRecords.InsertAsync(connection, transaction, v, cancel))
        {
            await SeqLedger.CountDuplicateAsync(connection, transaction, v.Device, StreamKind.Visits, cancel);
            return new StoreResult(0, 1);
        }
        await HourlyRollup.AddAsync(connection, transaction, v, cancel);
        await DeviceRows.SeenAsync(connection, transaction, v.Device, v.Site, v.Start, v.End, null, cancel);
        await SeqLedger.CountStoredAsync(connection, transaction, v.Device, StreamKind.Visits, v.End, now, cancel);
        return new StoreResult(1, 0);
    }

    private static async Task<StoreResult> StoreAsync(DbConnection connection, DbTransaction transaction, StatsRecord s, CancellationToken cancel)
    {
        await DeviceRows.SeenAsync(connection, transaction, s.Device, s.Site, null, null, null, cancel);
        if (s.EmotionsSkipped is { } emotions)
        {
            await DeviceRows.SkipAsync(connection, transaction, s.Device, StreamKind.Emotions, emotions, cancel);
        }
        if (s.VisitsSkipped is { } visits)
        {
            await DeviceRows.SkipAsync(connection, transaction, s.Device, StreamKind.Visits, visits, cancel);
        }
        return new StoreResult();
    }

    private static async Task<StoreResult> StoreAsync(DbConnection connection, DbTransaction transaction, StatusRecord s, CancellationToken cancel)
    {
        await DeviceRows.StatusAsync(connection, transaction, s, cancel);
        return new StoreResult();
    }
}
