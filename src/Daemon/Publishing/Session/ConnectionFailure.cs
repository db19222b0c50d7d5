using System.Net.Sockets;

namespace EdgeEmotion.Daemon.Publishing.Session;

/// <summary>Why a connection to a broker failed, in words an installer acts on ("connection refused
/// by 127.0.0.1:1"), from the socket error under MQTTnet's "Error while connecting host
/// 'Unspecified/127.0.0.1:1'".</summary>
internal static class ConnectionFailure
{
    public static string Describe(Exception error, string host, int port)
    {
        var endpoint = string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => $"connection refused by {endpoint}",
                    SocketError.TimedOut => $"no answer from {endpoint} (timed out)",
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"host '{host}' not found",
                    SocketError.NetworkUnreachable or SocketError.HostUnreachable => $"{endpoint} is unreachable",
                    SocketError.ConnectionReset => $"{endpoint} closed the connection",
                    _ => $"{endpoint}: {socket.Message}",
                };
            }
        }
        return error.Message;
    }
}
