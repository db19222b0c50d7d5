using System.Net;
using System.Net.Sockets;
using EdgeEmotion.Hosting.Web;

namespace EdgeEmotion.Daemon.Options;

/// <summary>
/// Where a <c>Dashboard:Urls</c> entry is served: its IP address, or for <c>localhost</c> the
/// loopback addresses (::1 only where it can be bound: a system may have IPv6 with ::1 turned off, as
/// Kestrel's own localhost handling allows). The dashboard binds exactly these,
/// never a host name, which Kestrel would serve on every interface whatever it resolves to.
/// </summary>
internal static class DashboardAddresses
{
    public const string Localhost = "localhost";

    private static readonly Lazy<bool> Ipv6LoopbackUsable = new(() =>
    {
        if (!Socket.OSSupportsIPv6)
        {
            return false;
        }
        try
        {
            using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    });

    /// <summary>An absolute http URL with a host, a port and nothing else.</summary>
    public static Uri? PlainHttp(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp
        && uri.Host.Length > 0
        && uri.UserInfo.Length == 0
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0
        && uri.Port is > 0 and <= 65535
            ? uri
            : null;

    /// <summary>The addresses of a plain http URL; empty when its host is a name other than localhost.</summary>
    public static IReadOnlyList<IPEndPoint> EndPoints(Uri url)
    {
        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            return [new IPEndPoint(IPAddress.Parse(url.Host.Trim('[', ']')), url.Port)];
        }
        if (string.Equals(url.Host, Localhost, StringComparison.OrdinalIgnoreCase))
        {
            return Ipv6LoopbackUsable.Value
                ? [new IPEndPoint(IPAddress.Loopback, url.Port), new IPEndPoint(IPAddress.IPv6Loopback, url.Port)]
                : [new IPEndPoint(IPAddress.Loopback, url.Port)];
        }
        return [];
    }

    /// <summary>Whether two listeners would fight over one address and port: the same address, or
    /// one that a wildcard covers (0.0.0.0 every IPv4 address; [::], which Kestrel opens for IPv4
    /// too, every address).</summary>
    public static bool Overlap(IPEndPoint a, IPEndPoint b) =>
        a.Port == b.Port && (ServedHosts.Covers(a.Address, b.Address) || ServedHosts.Covers(b.Address, a.Address));
}
