using System.Data.Common;

namespace EdgeEmotion.Collector.Storage;

/// <summary>The few places where SQLite and PostgreSQL differ: opening a connection, locking
/// a stream's row and the migrations against a second collector, the database's size, and
/// which errors are worth a retry. Everything else is the same SQL.</summary>
public abstract class SqlDialect : IAsyncDisposable
{
    public abstract StorageProvider Provider { get; }

    /// <summary>Appended to the SELECT that reads a stream's state before changing it.</summary>
    public abstract string LockRowSuffix { get; }

    /// <summary>Whether a column of values can be one array parameter (PostgreSQL's
    /// <c>unnest</c>): many rows in one statement whose text does not depend on their number.</summary>
    public abstract bool BindsArrays { get; }

    /// <summary>Raw rows per INSERT statement.</summary>
    public abstract int RowsPerInsert { get; }

    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancel);

    /// <summary>Begins a write transaction (SQLite: one writer at a time, taken at once).</summary>
    public abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancel);

    /// <summary>Holds back a second collector's migrations until this transaction ends.</summary>
    public abstract Task LockMigrationsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancel);

    public abstract Task<long> DatabaseBytesAsync(DbConnection connection, CancellationToken cancel);

    /// <summary>A deadlock or serialization failure between two collectors: the batch is
    /// rolled back and tried again.</summary>
    public abstract bool IsRetryable(Exception failure);

    public abstract ValueTask DisposeAsync();
}
