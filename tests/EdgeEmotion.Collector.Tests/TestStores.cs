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

    public async Task<CollectorStore> OpenAsync(StorageSettings settings, TimeProvider? clock = null)
    {
        var store = await CollectorStore.OpenAsync(settings, clock ?? TimeProvider.System, TestContext.Current.CancellationToken);
        _stores.Add(store);
        return store;
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
