using EdgeEmotion.Collector.Api;
using EdgeEmotion.Collector.Metrics;
using EdgeEmotion.Collector.Reports;
using EdgeEmotion.Core;
using Microsoft.Extensions.Options;

namespace EdgeEmotion.Collector.Hosting;

/// <summary>Serves the API and the page on <c>Http:Urls</c> (none when empty) from a web application of its
/// own inside the collector's host, as the daemon serves its dashboard: the collector stays a
/// Generic Host program (the hosting library's), and Kestrel is started and stopped with it.</summary>
public sealed partial class ApiService(
    IOptions<HttpOptions> options, CollectorStore store, BucketCalendar calendar, FleetMetrics metrics, TimeProvider clock, ILoggerFactory loggers, ILogger<ApiService> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _web;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var urls = options.Value.Urls;
        if (urls.Length == 0)
        {
            return;
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Value.UrlList);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton(store).AddSingleton(calendar).AddSingleton(metrics).AddSingleton(clock).AddCollectorApi();
        var web = builder.Build();
        var access = WebAccess.From(options.Value.UrlList, options.Value.AllowedOriginList, WebAccess.BesideProgram);
        web.MapCollectorApi(access);
        try
        {
            await web.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            await web.DisposeAsync();
            throw new UserInputException($"{HttpOptions.Section}:Urls: cannot listen on '{urls}' ({ex.Message}); choose a free port.", ex);
        }
        _web = web;
        LogServing(logger, string.Join(", ", web.Urls), CollectorApi.OpenApiPath,
            File.Exists(Path.Combine(WebAccess.BesideProgram, "index.html")) ? "the history page at /" : $"no page (its files are missing from '{WebAccess.BesideProgram}')");
    }

    public Task StopAsync(CancellationToken cancellationToken) => _web?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }
    }

    [LoggerMessage(0, LogLevel.Information, "API on {Urls} (description at {OpenApi}), {Page}")]
    private static partial void LogServing(ILogger logger, string urls, string openApi, string page);
}
