using System.Net;
using System.Net.Sockets;

namespace EdgeEmotion.Tests;

/// <summary>Loopback ports for servers the tests (and the fault-injection benchmark, linked) start:
/// a free one, and waiting until a server listens on one.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
