using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeEmotion.Hosting.Web;

/// <summary>
/// The first rules for every request to a server of ours that serves the dashboard page (the
/// daemon's dashboard, the collector), page and API alike: a <c>Host</c> the server is bound to or
/// named by (<see cref="ServedHosts"/>), else 400; then the page's security headers. What a program
/// checks after it (the collector's allowed origins, the daemon's WebSocket) is its own.
/// </summary>
/// <param name="contentSecurityPolicy">The program's policy (<see cref="PolicyConnectingTo"/>).</param>
/// <param name="hostNames">Names a request's <c>Host</c> may use besides the bound addresses.</param>
public sealed class PageGuard(string contentSecurityPolicy, IReadOnlyList<string> hostNames)
{
    private ServedHosts? _hosts;

    /// <summary>The page's policy: its own files only; mqtt.js runs its timers in a worker made
    /// from a blob; no framing. The programs differ only in whom the page may connect to besides
    /// its own server (<paramref name="sources"/>: a broker's ws:/wss:, a collector's http:/https:).</summary>
    public static string PolicyConnectingTo(string sources) =>
        $"default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self'; img-src 'self' data:; connect-src 'self' {sources}; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";

    /// <summary>Browsers send the page's origin; a page of another origin (another site open on
    /// the shop's network) must not read the figures through the visitor's browser. Clients that
    /// are not browsers send none and are let in.</summary>
    public static bool IsSameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    /// <returns>Whether the request may go on, with the security headers set; if not, the response is a 400.</returns>
    public bool Admit(HttpContext context)
    {
        if (!Hosts(context).Allows(context.Request.Host))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return false;
        }
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return true;
    }

    /// <summary>Read once the server is bound (its addresses then carry the real ports and wildcards).</summary>
    private ServedHosts Hosts(HttpContext context) =>
        _hosts ??= ServedHosts.From(
            context.RequestServices.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [], hostNames);
}
