using EdgeEmotion.Daemon.Broker;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Hosting.Web;
using MQTTnet.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

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

    /// <summary>The broker may be another host (<c>?broker=ws://…</c>), so any ws:/wss: address, and
    /// so may the collector whose history the page shows (<c>?api=http://…</c>), so any http:/https:.</summary>
    private static readonly string ContentSecurityPolicy = PageGuard.PolicyConnectingTo("ws: wss: http: https:");

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
        // Host names none: the dashboard binds addresses only (DashboardAddresses).
        var guard = new PageGuard(ContentSecurityPolicy, hostNames: []);
        app.Use((context, next) => guard.Admit(context) ? next(context) : Task.CompletedTask);
        app.UseWebSockets();
        if (browsers.Enabled)
        {
            app.Map(BrowserWebSockets.Path, AcceptMqtt);
        }
        StaticPage.Serve(app, Folder);
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

    private async Task AcceptMqtt(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("MQTT over WebSockets only.");
            return;
        }
        if (!PageGuard.IsSameOrigin(context.Request))
        {
            // Only the page this server served may connect (cross-site WebSocket hijacking).
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

    [LoggerMessage(0, LogLevel.Information, "Dashboard on {Urls}{WebSockets}")]
    private static partial void LogServing(ILogger logger, string urls, string webSockets);
}
