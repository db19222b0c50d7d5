using System.Data.Common;

namespace EdgeEmotion.Collector.Storage;

/// <summary>ADO.NET's commands in one line each: both providers take <c>@name</c> parameters,
/// and their integer columns come back as int or long depending on the provider, so reads
/// convert instead of casting.</summary>
internal static class DbCommands
{
    public static DbCommand Command(this DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        Bind(command.Parameters, command.CreateParameter, parameters);
        return command;
    }

    /// <summary>Adds <c>@name</c> parameters (null as DBNull) to a command's or a batch command's
    /// collection: the two have no common type that creates parameters.</summary>
    public static void Bind(DbParameterCollection collection, Func<DbParameter> create, IEnumerable<(string Name, object? Value)> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var parameter = create();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            collection.Add(parameter);
        }
    }

    public static async Task<int> ExecuteAsync(this DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancel, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancel);
    }

    public static async Task<object?> ScalarAsync(this DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancel, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancel);
        return value is DBNull ? null : value;
    }

    public static long Long(this DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static long? LongOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.Long(ordinal);

    public static double Double(this DbDataReader reader, int ordinal) => Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static string? StringOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
