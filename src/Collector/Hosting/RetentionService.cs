using Microsoft.Extensions.Options;

namespace EdgeEmotion.Collector.Hosting;

/// <summary>Deletes raw windows and visits past <c>Retention:WindowsDays</c> and
/// <c>Retention:VisitsDays</c>, at start and every hour; the rollups stay.</summary>
public sealed partial class RetentionService(CollectorStore store, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionService> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (System.Data.Common.DbException ex)
            {
                LogFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SweepAsync(CancellationToken cancel)
    {
        var now = clock.GetUtcNow();
        var (windows, visits) = await store.DeleteRawBeforeAsync(now.AddDays(-options.Value.WindowsDays), now.AddDays(-options.Value.VisitsDays), cancel);
        if (windows + visits > 0)
        {
            LogDeleted(logger, windows, visits);
        }
    }

    [LoggerMessage(0, LogLevel.Information, "Retention: deleted {Windows} raw windows and {Visits} raw visits (rollups kept)")]
    private static partial void LogDeleted(ILogger logger, int windows, int visits);

    [LoggerMessage(1, LogLevel.Warning, "Retention: deleting old raw rows failed ({Reason}); next try in an hour")]
    private static partial void LogFailed(ILogger logger, string reason);
}
