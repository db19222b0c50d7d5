using EdgeEmotion.Collector.Ingest;
using EdgeEmotion.Collector.Metrics;
using EdgeEmotion.Collector.Reports;
using EdgeEmotion.Core;
using EdgeEmotion.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeEmotion.Collector.Hosting;

/// <summary>Wires the collector on the hosting library's Generic Host: settings sources and
/// their validation, systemd and journal output, then the store (with its Prometheus counters),
/// ingest, retention, the API and the watchdog (started in this order, stopped in reverse).</summary>
public static partial class CollectorHost
{
    public const string EtcDirectory = "/etc/edgeemotion-collector";

    /// <summary>Environment variables that set the collector's keys: <c>EDGEEMOTION_COLLECTOR__Storage__Provider</c>.</summary>
    public const string EnvironmentPrefix = "EDGEEMOTION_COLLECTOR__";

    public static HostApplicationBuilder CreateBuilder(string[] args, string? etcDirectory = EtcDirectory)
    {
        var builder = ProgramHost.CreateBuilder(new UserSettings(args, etcDirectory, EnvironmentPrefix));
        ValidatedSettings.AddTopLevel<CollectorSettings>(builder);
        ValidatedSettings.AddSection<StorageOptions>(builder, StorageOptions.Section);
        ValidatedSettings.AddSection<RetentionOptions>(builder, RetentionOptions.Section);
        ValidatedSettings.AddSection<ReportsOptions>(builder, ReportsOptions.Section);
        ValidatedSettings.AddSection<HttpOptions>(builder, HttpOptions.Section);
        ValidatedSettings.AddSection<BrokerOptions>(builder, BrokerOptions.Section);
        ValidatedSettings.AddSection<CollectorOptions>(builder, CollectorOptions.Section);

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value
            .Resolve(sp.GetRequiredService<IOptions<CollectorSettings>>().Value.ResolvedStateDirectory));
        services.AddSingleton(sp => new BucketCalendar(sp.GetRequiredService<IOptions<ReportsOptions>>().Value.Resolve(), sp.GetRequiredService<CollectorStore>().Grid));
        services.AddSingleton(sp => new MqttConnectionSettings(sp.GetRequiredService<IOptions<BrokerOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<MqttConnectionSettings>(), BrokerOptions.Section));
        services.AddSingleton<FleetMetrics>();
        services.AddSingleton(sp =>
        {
            var store = OpenStore(sp.GetRequiredService<StorageSettings>(), sp.GetRequiredService<IOptions<ReportsOptions>>().Value.Resolve(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<CollectorStore>>());
            // Wired as the store opens (at start, before ingest), so every commit is counted.
            store.Stored += sp.GetRequiredService<FleetMetrics>().Count;
            return store;
        });
        services.AddSingleton<IngestCounters>();
        services.AddHostedService<IngestService>();
        services.AddHostedService<RetentionService>();
        services.AddHostedService<ApiService>();
        services.AddHostedService<CollectorWatchdog>();
        services.AddHostedService<HeapReleaseService>();
        return builder;
    }

    /// <summary>Resolves what settings can only tell when used (time zone, connection string,
    /// credentials files), so that <c>--check-config</c> and the start name them in one line each.</summary>
    public static void CheckSettings(IServiceProvider services)
    {
        _ = services.GetRequiredService<StorageSettings>();
        _ = services.GetRequiredService<IOptions<ReportsOptions>>().Value.Resolve();
        _ = services.GetRequiredService<MqttConnectionSettings>();
    }

    /// <summary>Opens the database and brings its schema up to date, once, at start; a new database
    /// keeps its rollups in the local hours of <paramref name="zone"/> (Reports:TimeZone).</summary>
    private static CollectorStore OpenStore(StorageSettings settings, TimeZoneInfo zone, TimeProvider clock, ILogger logger)
    {
        try
        {
            // A singleton's factory cannot await; this runs once, before the host starts.
            var wanted = HourGrid.Of(zone);
            var store = CollectorStore.OpenAsync(settings, clock, wanted, CancellationToken.None).GetAwaiter().GetResult();
            if (store.Grid != wanted)
            {
                // A database made before the grid existed, or for a zone on another grid.
                LogOtherGrid(logger, ReportsOptions.Section, zone.Id, wanted.Minutes, store.Grid.Minutes, (store.Grid.Minutes - wanted.Minutes + 60) % 60);
            }
            return store;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or ArgumentException or InvalidOperationException)
        {
            var key = settings.Provider == StorageProvider.Sqlite && !settings.ConnectionString.Contains("Data Source=", StringComparison.Ordinal)
                ? "StateDirectory" : $"{StorageOptions.Section}:ConnectionString";
            throw new UserInputException($"{key}: cannot open the {settings.Provider} database ({ex.Message}).", ex);
        }
    }

    [LoggerMessage(0, LogLevel.Warning, "{Section}:TimeZone is {Zone}, whose local hours start at minute {Wanted} of the UTC hour, but this database's rollups were summed in hours from minute {Kept} before it was set (an hour once summed cannot be cut again): its hourly buckets start at minute {LocalMinute} of {Zone}'s hours, and a day or week counts the hours that start within it.")]
    private static partial void LogOtherGrid(ILogger logger, string section, string zone, int wanted, int kept, int localMinute);
}
