namespace EdgeEmotion.Collector.Storage;

/// <summary>Where the collector keeps its data, resolved from <c>Storage:Provider</c>,
/// <c>Storage:ConnectionString</c> and the state directory.</summary>
public sealed record StorageSettings(StorageProvider Provider, string ConnectionString)
{
    public const string SqliteFileName = "collector.db";

    /// <summary>SQLite's default: one file in the state directory.</summary>
    public static StorageSettings SqliteIn(string stateDirectory) =>
        new(StorageProvider.Sqlite, $"Data Source={Path.Combine(stateDirectory, SqliteFileName)}");

    public SqlDialect CreateDialect() => Provider switch
    {
        StorageProvider.Sqlite => new SqliteDialect(ConnectionString),
        _ => new PostgresDialect(ConnectionString),
    };
}
