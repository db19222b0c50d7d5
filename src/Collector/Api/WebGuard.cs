using EdgeEmotion.Hosting.Web;

namespace EdgeEmotion.Collector.Api;

/// <summary>
/// The daemon dashboard's rules for every request, page and API alike (<see cref="PageGuard"/>: a
/// <c>Host</c> the server is bound to or <c>Http:Urls</c> names, else 400; the page's security
/// headers), and a browser page of another origin may not read the figures through the visitor's
/// browser (403), unless <c>Http:AllowedOrigins</c> lists it and it only reads the API
/// (<c>GET /api/v1/…</c>; CORS headers added after this).
/// </summary>
public sealed class WebGuard(WebAccess access)
{
    /// <summary>The daemon's dashboard's policy, connecting to a broker on another host
    /// (<c>?broker=ws://…</c>).</summary>
    public static readonly string ContentSecurityPolicy = PageGuard.PolicyConnectingTo("ws: wss:");

    private readonly HashSet<string> _allowedOrigins = new(access.AllowedOrigins, StringComparer.OrdinalIgnoreCase);
    private readonly PageGuard _page = new(ContentSecurityPolicy, access.HostNames);

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!_page.Admit(context))
        {
            return Task.CompletedTask;
        }
        if (!PageGuard.IsSameOrigin(context.Request) && !IsAllowedCrossOrigin(context.Request))
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
}
