using EdgeEmotion.Core;
using EdgeEmotion.Daemon.Broker;
using EdgeEmotion.Daemon.Options;
using MQTTnet.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeEmotion.Daemon.Dashboard;

/// <summary>
/// With <c>Dashboard:Urls</c> set, a small Kestrel server of its own (not the daemon's host, which
/// stays a plain worker): the built dashboard from the <c>dashboard</c> folder beside the daemon,
/// and, with the embedded broker, MQTT over WebSockets at <see cref="BrowserWebSockets.Path"/>.
/// It starts before the broker and stops after it, so a page sees the daemon's <c>offline</c>.
/// </summary>
internal sealed partial class DashboardServer(IOptions<DashboardOptions> options, BrowserWebSockets browsers, IEnumerable<ILoggerProvider> logOutputs, ILogger<DashboardServer> logger) : IHostedService, IAsyncDisposable
{
    /// <summary>The folder the build copies dashboard/public to (the Debian package installs it too).</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "dashboard");

    /// <summary>The page's own files only; mqtt.js runs its timers in a worker made from a blob;
    /// the broker may be another host (<c>?broker=ws://…</c>), so any ws:/wss: address, and so may
    /// the collector whose history the page shows (<c>?api=http://…</c>), so any http:/https:; no framing.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss: http: https:; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";

    // IHost, not WebApplication: stopping and disposing then compile without loading ASP.NET Core.
    private IHost? _web;

    /// <summary>Off (the default), nothing of ASP.NET Core is loaded: the web server lives in
    /// <see cref="StartWebAsync"/>, compiled only when called.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            _web = await StartWebAsync(cancellationToken);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private async Task<IHost> StartWebAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(Folder, "index.html")))
        {
            throw new UserInputException($"Dashboard:Urls: the dashboard's files are missing from '{Folder}' (index.html); reinstall the package or build dashboard/ (dashboard/README.md).");
        }
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // The daemon's log outputs, warnings and errors only: a line per request would wear an SD card.
        // Not the web host's own report of a failed start with its stack trace: the failure comes
        // back here and is said in one line (as the daemon's host does, DaemonHost).
        var filter = new LoggerFilterOptions { MinLevel = LogLevel.Warning };
        filter.Rules.Add(new LoggerFilterRule(null, "Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical, null));
        builder.Services.AddSingleton<ILoggerFactory>(new LoggerFactory(logOutputs, filter));
        // The daemon's host handles SIGTERM and stops this server in its turn (after the broker).
        builder.Services.AddSingleton<IHostLifetime, NoLifetime>();
        builder.Services.AddRouting();
        // Exactly the validated addresses (DashboardAddresses): never a name Kestrel would serve everywhere.
        var endPoints = options.Value.UrlList.SelectMany(url => DashboardAddresses.EndPoints(new Uri(url))).ToList();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => endPoints.ForEach(endPoint => kestrel.Listen(endPoint)));
        var app = builder.Build();
        var hosts = new DashboardHosts(endPoints);
        app.Use((context, next) => Guard(hosts, context, next));
        app.UseWebSockets();
        if (browsers.Enabled)
        {
            app.Map(BrowserWebSockets.Path, AcceptMqtt);
        }
        var files = new PhysicalFileProvider(Folder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, OnPrepareResponse = NoCache });
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync();
            throw new UserInputException($"Dashboard:Urls: cannot listen on '{options.Value.Urls}' ({ex.Message}); choose a free port.", ex);
        }
        LogServing(logger, string.Join(", ", app.Urls), browsers.Enabled ? $" (MQTT over WebSockets at {BrowserWebSockets.Path}, read-only)" : " (page only: open it with ?broker=ws://HOST:PORT of the broker's WebSocket listener)");
        return app;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_web is not null)
        {
            await _web.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_web is IAsyncDisposable web)
        {
            await web.DisposeAsync();
        }
    }

    /// <summary>Refuses a Host the dashboard is not bound to, and sends the page's security headers.</summary>
    private static Task Guard(DashboardHosts hosts, HttpContext context, RequestDelegate next)
    {
        if (!hosts.Allows(context.Request.Host))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask;
        }
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return next(context);
    }

    private async Task AcceptMqtt(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("MQTT over WebSockets only.");
            return;
        }
        if (!SameOrigin(context.Request))
        {
            // Another web site open in a browser on the shop's network must not read the figures
            // through the visitor's browser (cross-site WebSocket hijacking).
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        var protocol = MqttSubProtocolSelector.SelectSubProtocol(context.Request);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
        try
        {
            await browsers.RunAsync(socket, context);
        }
        finally
        {
            // The broker is done with it (a client gone, or one cut off for a packet too large):
            // close the connection, so that Kestrel does not go on reading what the client still sends.
            context.Abort();
        }
    }

    private sealed class NoLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Browsers send the page's origin; only the page this server served may connect.
    /// Clients that are not browsers send none and are let in (read-only all the same).</summary>
    private static bool SameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>An updated package's page must not be mixed with a cached old bundle.</summary>
    private static void NoCache(Microsoft.AspNetCore.StaticFiles.StaticFileResponseContext context) =>
        context.Context.Response.Headers.CacheControl = "no-cache";

    [LoggerMessage(0, LogLevel.Information, "Dashboard on {Urls}{WebSockets}")]
    private static partial void LogServing(ILogger logger, string urls, string webSockets);
}
