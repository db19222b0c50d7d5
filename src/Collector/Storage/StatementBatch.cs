using System.Data.Common;

namespace EdgeEmotion.Collector.Storage;

/// <summary>
/// Statements that return nothing, sent together: as one ADO.NET <see cref="DbBatch"/> where the
/// provider has batches (Npgsql: one round trip for all of them, where one each made a batch of
/// 500 messages wait on some 700 round trips), else one after the other (SQLite, in-process:
/// there is no round trip to save).
/// </summary>
internal sealed class StatementBatch
{
    private readonly List<(string Sql, (string Name, object? Value)[] Parameters)> _statements = [];

    public int Count => _statements.Count;

    public void Add(string sql, params (string Name, object? Value)[] parameters) => _statements.Add((sql, parameters));

    public async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancel)
    {
        if (_statements.Count == 0)
        {
            return;
        }
        if (!connection.CanCreateBatch)
        {
            foreach (var (sql, parameters) in _statements)
            {
                await connection.ExecuteAsync(transaction, sql, cancel, parameters);
            }
            return;
        }
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var (sql, parameters) in _statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            DbCommands.Bind(command.Parameters, command.CreateParameter, parameters);
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancel);
    }
}
