using EdgeEmotion.Core;

namespace EdgeEmotion.Collector.Hosting;

/// <summary>Section <c>Storage</c>: SQLite in the state directory (the default, nothing to
/// install) or a PostgreSQL database that a chain's collectors share.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>PostgreSQL: required (Npgsql's form, e.g. <c>Host=db;Database=edgeemotion;Username=collector</c>;
    /// a password in <c>Passfile=</c>, not here). SQLite: empty for the state directory's file.</summary>
    public string ConnectionString { get; set; } = "";

    public StorageSettings Resolve(string stateDirectory) => Provider switch
    {
        StorageProvider.Sqlite when ConnectionString.Length == 0 => StorageSettings.SqliteIn(stateDirectory),
        StorageProvider.Postgres when ConnectionString.Length == 0 =>
            throw new UserInputException($"{Section}:ConnectionString: required when {Section}:Provider is Postgres (e.g. Host=db.example;Database=edgeemotion;Username=collector)."),
        _ => new StorageSettings(Provider, ConnectionString),
    };
}
