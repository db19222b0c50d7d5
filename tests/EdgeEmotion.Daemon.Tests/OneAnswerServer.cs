using System.Net;
using System.Net.Sockets;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>A loopback server that answers one HTTP request with fixed bytes, whatever the request
/// says: a camera's web page, a redirect.</summary>
internal sealed class OneAnswerServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public OneAnswerServer(byte[] response)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        var token = TestContext.Current.CancellationToken;
        Answered = Task.Run(async () =>
        {
            using var client = await _listener.AcceptTcpClientAsync(token);
            var stream = client.GetStream();
            _ = await stream.ReadAtLeastAsync(new byte[4096], 16, throwOnEndOfStream: false, token); // the request; its content does not matter
            await stream.WriteAsync(response, token);
        }, token);
    }

    public int Port { get; }

    /// <summary>Done once the answer is written (faulted if it could not be).</summary>
    public Task Answered { get; }

    public void Dispose() => _listener.Dispose();
}
