using System.Data.Common;
using Npgsql;

namespace EdgeEmotion.Collector.Storage;

/// <summary>PostgreSQL through one pooled <see cref="NpgsqlDataSource"/>; several collectors may
/// write at once, so a stream's row is locked while its seq is judged.</summary>
public sealed class PostgresDialect(string connectionString) : SqlDialect
{
    // Any constant the collectors agree on: pg_advisory_xact_lock's key for the migrations.
    private const long MigrationLockKey = 0x4564676545_6d6f;
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(WithAutoPrepare(connectionString));

    public override StorageProvider Provider => StorageProvider.Postgres;

    public override bool BindsArrays => true; // unnest of arrays

    public override string LockRowSuffix => " FOR UPDATE";

    /// <summary>A batch's rows in few round trips; 21 parameters a row stays far below PostgreSQL's 65,535.</summary>
    public override int RowsPerInsert => 200;

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancel) => await _source.OpenConnectionAsync(cancel);

    public override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancel) =>
        await connection.BeginTransactionAsync(cancel);

    public override async Task LockMigrationsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({MigrationLockKey})";
        await command.ExecuteNonQueryAsync(cancel);
    }

    public override async Task<long> DatabaseBytesAsync(DbConnection connection, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_database_size(current_database())";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel), System.Globalization.CultureInfo.InvariantCulture);
    }

    // 40P01 deadlock_detected, 40001 serialization_failure, 23505 unique_violation (two
    // collectors creating the same first row at once).
    public override bool IsRetryable(Exception failure) => failure is PostgresException { SqlState: "40P01" or "40001" or "23505" };

    public override ValueTask DisposeAsync() => _source.DisposeAsync();

    /// <summary>Npgsql prepares a statement the second time a connection sends its text: ingest
    /// sends the same few upserts hundreds of times a batch, which the server otherwise parses and
    /// plans each time. A connection string that sets <c>Max Auto Prepare</c> keeps its own.</summary>
    private static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        return builder.ConnectionString;
    }
}
