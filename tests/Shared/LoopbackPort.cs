using System.Net;
using System.Net.Sockets;

namespace EdgeEmotion.Tests;

/// <summary>Loopback ports for servers the tests (and the fault-injection benchmark, linked) start:
/// a free one, and waiting until a server listens on one.</summary>
public static class LoopbackPort
{
    // Ports handed out below the kernel's ephemeral range (ip_local_port_range, 32768-60999 by
    // default). A port the kernel picks for bind(0) comes from that range, and once released it can
    // become the local port of any outgoing connection (the tests open hundreds) before the server
    // started on it binds it; a port below the range is never taken that way.
    private const int Lowest = 20_000;
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A loopback port nothing listens on, not handed out before by this process.</summary>
    public static int Free()
    {
        var top = Math.Min(EphemeralLow(), 32_768);
        lock (HandedOut)
        {
            for (var attempt = 0; top > Lowest + 1_000 && attempt < 1_000; attempt++)
            {
                var port = Random.Shared.Next(Lowest, top);
                if (HandedOut.Add(port) && CanListen(port))
                {
                    return port;
                }
            }
        }
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool CanListen(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralLow()
    {
        try
        {
            return int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            return 32_768;
        }
    }

    /// <summary>True once something accepts connections on <paramref name="port"/>; false after
    /// <paramref name="limit"/>. <paramref name="gaveUp"/> is asked between attempts and ends the
    /// wait by throwing what it returns (a server process that exited, say).</summary>
    public static bool WaitUntilListening(int port, TimeSpan limit, Func<Exception?>? gaveUp = null)
    {
        try
        {
            Wait.UntilBlocking(() => (gaveUp?.Invoke() is { } failure ? throw failure : false) || Accepts(port), $"a server on port {port}", limit);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
