using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>
/// An HTTP MJPEG stream (multipart/x-mixed-replace, as IP cameras serve it) of one JPEG
/// repeated at a set rate, on a loopback port. Stop() cuts every client off, as a camera
/// losing power does; Start() brings the stream back on the same port.
/// </summary>
public sealed class MjpegServer : IDisposable
{
    private readonly byte[] _jpeg;
    private readonly TimeSpan _interval;
    private TcpListener? _listener;
    private CancellationTokenSource? _stop;
    private readonly List<Task> _clients = [];

    private readonly string? _authorization;
    private readonly int _truncateEvery;

    /// <param name="credentials">Required HTTP Basic credentials, as many cameras ask.</param>
    /// <param name="truncateEvery">Every n-th part carries only the first half of the JPEG, as a
    /// camera on a bad link sends (0: never).</param>
    public MjpegServer(string jpegPath, double fps, (string User, string Password)? credentials = null, int truncateEvery = 0)
    {
        _truncateEvery = truncateEvery;
        _authorization = credentials is { } c ? "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{c.User}:{c.Password}")) : null;
        _jpeg = File.ReadAllBytes(jpegPath);
        _interval = TimeSpan.FromSeconds(1 / fps);
        Port = LoopbackPort.Free();
        Start();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/stream.mjpg";

    public void Start()
    {
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        var listener = _listener;
        var token = _stop.Token;
        _ = Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync(token);
                }
                catch (Exception) when (token.IsCancellationRequested)
                {
                    return;
                }
                lock (_clients)
                {
                    _clients.Add(ServeAsync(client, token));
                }
            }
        }, token);
    }

    public void Stop()
    {
        _stop?.Cancel();
        _listener?.Stop();
        Task[] clients;
        lock (_clients)
        {
            clients = [.. _clients];
            _clients.Clear();
        }
        Task.WaitAll(clients, TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync(TcpClient client, CancellationToken token)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                // Read the request head; its content does not matter.
                var buffer = new byte[4096];
                var head = new StringBuilder();
                while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var n = await stream.ReadAsync(buffer, token);
                    if (n == 0)
                    {
                        return;
                    }
                    head.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }
                if (_authorization is not null && !head.ToString().Contains($"Authorization: {_authorization}\r\n", StringComparison.OrdinalIgnoreCase))
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(
                        "HTTP/1.0 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"camera\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), token);
                    return;
                }
                await stream.WriteAsync(Encoding.ASCII.GetBytes(
                    "HTTP/1.0 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=frame\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n"), token);
                for (var part = 1; !token.IsCancellationRequested; part++)
                {
                    var jpeg = _truncateEvery > 0 && part % _truncateEvery == 0 ? _jpeg.AsMemory(0, _jpeg.Length / 2) : _jpeg;
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"--frame\r\nContent-Type: image/jpeg\r\nContent-Length: {jpeg.Length}\r\n\r\n"), token);
                    await stream.WriteAsync(jpeg, token);
                    await stream.WriteAsync("\r\n"u8.ToArray(), token);
                    await Task.Delay(_interval, token); // the camera's frame rate, not a wait for a condition
                }
            }
            catch (Exception) when (token.IsCancellationRequested)
            {
            }
            catch (IOException)
            {
                // The client went away.
            }
        }
    }

    public void Dispose()
    {
        Stop();
        _stop?.Dispose();
    }
}
