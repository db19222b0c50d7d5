using System.Net.Sockets;
using MQTTnet;

namespace EdgeEmotion.Hosting;

/// <summary>One-line reasons for a failed broker operation that name what to fix (a host that
/// does not resolve, a refusal for the user, TLS), instead of MQTTnet's nested exceptions.</summary>
public static class MqttFailure
{
    public static string Describe(Exception ex, string host, string username) => ex.GetBaseException() switch
    {
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData } => $"host '{host}' does not resolve",
        SocketException s => s.Message.TrimEnd('.'),
        TimeoutException t => t.Message,
        MqttRefusedException r => $"the broker refused the connection (user '{username}'): {r.Code}",
        MQTTnet.Adapter.MqttConnectingFailedException f => $"the broker refused the connection (user '{username}'): {f.Message}",
        System.Security.Authentication.AuthenticationException a => $"TLS failed: {a.Message}",
        var inner => inner.Message.TrimEnd('.'),
    };
}
