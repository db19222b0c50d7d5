using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace EdgeEmotion.Hosting.Web;

/// <summary>
/// Which <c>Host</c> a request to one of our web servers may name: an address the server is bound
/// to (any of a family's for a wildcard binding), <c>localhost</c> when loopback is among them, and
/// a name the program's settings name (the collector's <c>Http:Urls</c>: a chain's collector reached
/// by its DNS name; the daemon's dashboard names none). A site that points its own name at the
/// device (DNS rebinding) makes the browser send that name and is refused. ASP.NET Core's host
/// filtering compares names with a fixed list; a wildcard binding is reached by whatever address
/// the device has now or gets later, so this compares addresses instead.
/// </summary>
public sealed class ServedHosts(IReadOnlyList<IPAddress> bound, IReadOnlyList<string> names)
{
    private const string Localhost = "localhost";

    /// <summary>From the server's addresses as Kestrel reports them once bound (http://127.0.0.1:8090,
    /// http://[::]:8090, http://localhost:8090).</summary>
    public static ServedHosts From(IEnumerable<string> serverAddresses, IReadOnlyList<string> names)
    {
        var bound = new List<IPAddress>();
        foreach (var address in serverAddresses)
        {
            var host = new Uri(address.Replace("://+", "://[::]", StringComparison.Ordinal).Replace("://*", "://[::]", StringComparison.Ordinal)).Host.Trim('[', ']');
            if (string.Equals(host, Localhost, StringComparison.OrdinalIgnoreCase))
            {
                bound.AddRange([IPAddress.Loopback, IPAddress.IPv6Loopback]);
            }
            else if (IPAddress.TryParse(host, out var ip))
            {
                bound.Add(ip);
            }
        }
        return new ServedHosts(bound, names);
    }

    public bool Allows(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }
        if (string.Equals(host.Host, Localhost, StringComparison.OrdinalIgnoreCase))
        {
            return bound.Any(b => Covers(b, IPAddress.Loopback) || Covers(b, IPAddress.IPv6Loopback));
        }
        if (IPAddress.TryParse(host.Host.Trim('[', ']'), out var address))
        {
            return bound.Any(b => Covers(b, address));
        }
        return names.Contains(host.Host, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Whether a listener on <paramref name="bound"/> receives what is sent to <paramref name="address"/>
    /// (0.0.0.0 every IPv4 address; [::], which Kestrel opens for IPv4 too, every address; an
    /// IPv4-mapped IPv6 address reaches its IPv4 address).</summary>
    public static bool Covers(IPAddress bound, IPAddress address) =>
        bound.Equals(address)
        || bound.Equals(IPAddress.IPv6Any)
        || (bound.Equals(IPAddress.Any) && address.AddressFamily == AddressFamily.InterNetwork)
        || (address.IsIPv4MappedToIPv6 && Covers(bound, address.MapToIPv4()));
}
