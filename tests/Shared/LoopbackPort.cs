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
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (gaveUp?.Invoke() is { } failure)
            {
                throw failure;
            }
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        return false;
    }
}
