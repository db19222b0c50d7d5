using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace EdgeEmotion.Collector.Api;

/// <summary>
/// Which <c>Host</c> a request may name, the daemon dashboard's rule (its <c>DashboardHosts</c>):
/// an address the server is bound to (any of a family's for a wildcard binding), <c>localhost</c>
/// when loopback is among them, and here also a name <c>Http:Urls</c> names (a chain's collector
/// reached by its DNS name; the daemon accepts addresses only). A site that points its own name at
/// the collector (DNS rebinding) makes the browser send that name and is refused. Written beside
/// the daemon's rather than shared: the collector does not reference the daemon's assembly.
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
    /// (0.0.0.0 every IPv4 address; [::], which Kestrel opens for IPv4 too, every address).</summary>
    private static bool Covers(IPAddress bound, IPAddress address) =>
        bound.Equals(address)
        || bound.Equals(IPAddress.IPv6Any)
        || (bound.Equals(IPAddress.Any) && address.AddressFamily == AddressFamily.InterNetwork)
        || (address.IsIPv4MappedToIPv6 && Covers(bound, address.MapToIPv4()));
}
