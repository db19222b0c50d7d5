using EdgeEmotion.Collector.Api;
using EdgeEmotion.Collector.Metrics;
using EdgeEmotion.Collector.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeEmotion.Collector.Tests.Api;

/// <summary>The API on Kestrel on a free loopback port over a given store, with a client.</summary>
public sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiServer(WebApplication app)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public HttpClient Client { get; }

    public Uri Address => Client.BaseAddress!;

    /// <param name="access">The page and who may read (the API alone when not given).</param>
    public static async Task<ApiServer> StartAsync(CollectorStore store, TimeZoneInfo zone, TimeProvider clock, WebAccess? access = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var metrics = new FleetMetrics();
        store.Stored += metrics.Count;
        builder.Services.AddSingleton(store).AddSingleton(new BucketCalendar(zone, store.Grid)).AddSingleton(metrics).AddSingleton(clock).AddCollectorApi();
        var app = builder.Build();
        app.MapCollectorApi(access);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new ApiServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
