using EdgeEmotion.Collector.Api;
using EdgeEmotion.Collector.Reports;
using EdgeEmotion.Collector.Storage;
using EdgeEmotion.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeEmotion.Collector.Hosting;

/// <summary>Serves the API on <c>Http:Urls</c> (none when empty) from a web application of its
/// own inside the collector's host, as the daemon serves its dashboard: the collector stays a
/// Generic Host program (the hosting library's), and Kestrel is started and stopped with it.</summary>
public sealed partial class ApiService(
    IOptions<HttpOptions> options, CollectorStore store, BucketCalendar calendar, TimeProvider clock, ILoggerFactory loggers, ILogger<ApiService> logger) : IHostedService, IAsyncDisposable
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
        builder.WebHost.UseUrls(urls.Split(';'));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton(store).AddSingleton(calendar).AddSingleton(clock).AddCollectorApi();
        var web = builder.Build();
        web.MapCollectorApi();
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
        LogServing(logger, string.Join(", ", web.Urls), CollectorApi.OpenApiPath);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _web?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }
    }

    [LoggerMessage(0, LogLevel.Information, "API on {Urls} (description at {OpenApi})")]
    private static partial void LogServing(ILogger logger, string urls, string openApi);
}
