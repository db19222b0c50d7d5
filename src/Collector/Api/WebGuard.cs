using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeEmotion.Collector.Api;

/// <summary>
/// The daemon dashboard's rules for every request, page and API alike: a <c>Host</c> the server is
/// bound to (<see cref="ServedHosts"/>), else 400; the page's security headers; and a browser page
/// of another origin (another site open on the shop's network) may not read the figures through the
/// visitor's browser (403), unless <c>Http:AllowedOrigins</c> lists it and it only reads the API
/// (<c>GET /api/v1/…</c>; CORS headers added after this). Clients that are not browsers send no
/// Origin and are let in.
/// </summary>
public sealed class WebGuard(WebAccess access)
{
    /// <summary>The daemon's dashboard's policy: the page's own files only; mqtt.js runs its timers
    /// in a worker made from a blob; a broker may be another host (<c>?broker=ws://…</c>); no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";

    private readonly HashSet<string> _allowedOrigins = new(access.AllowedOrigins, StringComparer.OrdinalIgnoreCase);
    private ServedHosts? _hosts;

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!Hosts(context).Allows(context.Request.Host))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask;
        }
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (!OriginMayRead(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }
        return next(context);
    }

    /// <summary>Whether a request under <see cref="CollectorApi.Prefix"/> that reads (GET, HEAD, or
    /// a browser's preflight OPTIONS) comes from an origin of <c>Http:AllowedOrigins</c>.</summary>
    public bool IsAllowedCrossOrigin(HttpRequest request) =>
        _allowedOrigins.Count > 0
        && request.Path.StartsWithSegments(CollectorApi.Prefix, StringComparison.Ordinal)
        && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        && _allowedOrigins.Contains(request.Headers.Origin.ToString());

    private bool OriginMayRead(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
            || IsAllowedCrossOrigin(request);
    }

    /// <summary>Read once the server is bound (its addresses then carry the real ports and wildcards).</summary>
    private ServedHosts Hosts(HttpContext context) =>
        _hosts ??= ServedHosts.From(
            context.RequestServices.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [], access.HostNames);
}
