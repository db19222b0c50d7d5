using System.Net;
using EdgeEmotion.Daemon.Options;
using Microsoft.AspNetCore.Http;

namespace EdgeEmotion.Daemon.Dashboard;

/// <summary>
/// Which <c>Host</c> a request to the dashboard may name: an address it is bound to (any of a
/// family's addresses for a wildcard binding), or <c>localhost</c> when loopback is among them. A
/// site that points its own name at this device (DNS rebinding) makes the browser send that name,
/// and is refused, for the page and the WebSocket alike. ASP.NET Core's host filtering compares
/// names with a fixed list; a wildcard binding is reached by whatever address the device has now or
/// gets later, so this compares addresses instead.
/// </summary>
internal sealed class DashboardHosts(IReadOnlyList<IPEndPoint> bound)
{
    public bool Allows(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }
        if (string.Equals(host.Host, DashboardAddresses.Localhost, StringComparison.OrdinalIgnoreCase))
        {
            return bound.Any(b => DashboardAddresses.Covers(b.Address, IPAddress.Loopback) || DashboardAddresses.Covers(b.Address, IPAddress.IPv6Loopback));
        }
        return IPAddress.TryParse(host.Host.Trim('[', ']'), out var address)
            && bound.Any(b => DashboardAddresses.Covers(b.Address, address));
    }
}
