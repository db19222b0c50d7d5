namespace EdgeEmotion.Collector.Storage;

/// <summary><c>Storage:Provider</c>: SQLite (one file, nothing to install) or PostgreSQL (a chain's
/// collectors sharing one database).</summary>
public enum StorageProvider
{
    Sqlite,
    Postgres,
}
