using EdgeEmotion.Collector.Storage;

namespace EdgeEmotion.CollectorBench;

/// <summary>An empty store of one provider for one run: SQLite in a temporary folder (its
/// default synchronous=FULL), or a database of a throwaway PostgreSQL cluster with
/// PostgreSQL's durable defaults (fsync and synchronous_commit on), so both pay for durability
/// as a production collector does.</summary>
internal sealed class BenchStore : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly PostgresCluster? _cluster;

    public BenchStore(string provider)
    {
        Provider = provider;
        if (provider == "postgres")
        {
            _cluster = PostgresCluster.Durable();
            Settings = new StorageSettings(StorageProvider.Postgres, _cluster.CreateDatabase());
            CollectorArgs = ["--Storage:Provider=Postgres", $"--Storage:ConnectionString={Settings.ConnectionString}"];
        }
        else if (provider == "sqlite")
        {
            Settings = StorageSettings.SqliteIn(_folder.Path);
            CollectorArgs = [$"--StateDirectory={_folder.Path}"];
        }
        else
        {
            throw new ArgumentException($"providers: '{provider}' is not sqlite or postgres");
        }
    }

    public string Provider { get; }

    /// <summary>CPU seconds the PostgreSQL server (all its processes) used so far; 0 for SQLite,
    /// whose work is the collector's own.</summary>
    public double ServerCpuSeconds => _cluster is null ? 0 : ProcessCpu.TreeSeconds(_cluster.ServerPid);

    public StorageSettings Settings { get; }

    /// <summary>The collector's settings for this store.</summary>
    public string[] CollectorArgs { get; }

    public void Dispose()
    {
        _cluster?.Dispose();
        _folder.Dispose();
    }
}
