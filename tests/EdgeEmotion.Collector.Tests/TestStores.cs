using EdgeEmotion.Collector.Storage.Migrations;

namespace EdgeEmotion.Collector.Tests;

/// <summary>A fresh, migrated store of either provider for one test: SQLite in a file of a
/// temporary folder, PostgreSQL as a new database of the assembly's cluster.</summary>
public sealed class TestStores(PostgresCluster cluster) : IAsyncDisposable
{
    private readonly List<TempDirectory> _folders = [];
    private readonly List<CollectorStore> _stores = [];

    /// <summary>The providers each storage test runs against.</summary>
    public static TheoryData<string> Providers => ["sqlite", "postgres"];

    public StorageSettings Settings(string provider)
    {
        if (provider == "sqlite")
        {
            var folder = new TempDirectory();
            _folders.Add(folder);
            return StorageSettings.SqliteIn(folder.Path);
        }
        return new StorageSettings(StorageProvider.Postgres, cluster.CreateDatabase());
    }

    public async Task<CollectorStore> OpenAsync(string provider, TimeProvider? clock = null) => await OpenAsync(Settings(provider), clock);

    public async Task<CollectorStore> OpenAsync(StorageSettings settings, TimeProvider? clock = null, HourGrid grid = default)
    {
        var store = await CollectorStore.OpenAsync(settings, clock ?? TimeProvider.System, grid, TestContext.Current.CancellationToken);
        _stores.Add(store);
        return store;
    }

    /// <summary>Runs <paramref name="sql"/> on the store's database past the store, to make the state
    /// a previous version or retention left behind.</summary>
    public static async Task ExecuteAsync(StorageSettings settings, string sql)
    {
        await using var dialect = settings.CreateDialect();
        await using var connection = await dialect.OpenAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(null, sql, TestContext.Current.CancellationToken);
    }

    /// <summary>A number read from the store's database past the store (a column no API returns).</summary>
    public static async Task<long> ScalarAsync(StorageSettings settings, string sql)
    {
        await using var dialect = settings.CreateDialect();
        await using var connection = await dialect.OpenAsync(TestContext.Current.CancellationToken);
        return Convert.ToInt64(await connection.ScalarAsync(null, sql, TestContext.Current.CancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Makes the store forget it ran the migration named <paramref name="name"/> (after the
    /// test undid what it made), so the next open runs it as on a store of the previous version.</summary>
    public static async Task ForgetMigrationAsync(StorageSettings settings, string name)
    {
        var (version, _, _) = Migrator.Scripts.Single(s => s.Name == name);
        await ExecuteAsync(settings, $"DELETE FROM schema_migrations WHERE version = {version}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
        foreach (var folder in _folders)
        {
            folder.Dispose();
        }
    }
}
