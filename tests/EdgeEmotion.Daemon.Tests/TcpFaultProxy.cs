using System.Net;
using System.Net.Sockets;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>
/// A TCP proxy in front of a real broker that can turn into the faults a kiosk's network has:
/// <see cref="ProxyMode.Stall"/> accepts connections and passes nothing (a broker that accepts TCP
/// and never answers), <see cref="ProxyMode.Slow"/> delays every chunk towards the broker (a slow
/// link), <see cref="ProxyMode.Forward"/> passes everything.
/// </summary>
public sealed class TcpFaultProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _upstreamPort;
    private readonly List<TcpClient> _connections = [];

    public TcpFaultProxy(int upstreamPort, ProxyMode mode)
    {
        _upstreamPort = upstreamPort;
        Mode = mode;
        _listener.Start();
        _ = AcceptLoop();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ProxyMode Mode { get; set; }

    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Connections accepted so far.</summary>
    public int Accepted { get; private set; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_connections)
        {
            foreach (var c in _connections)
            {
                c.Dispose();
            }
        }
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            Accepted++;
            _ = Serve(client);
        }
    }

    private async Task Serve(TcpClient client)
    {
        using var upstream = new TcpClient();
        lock (_connections)
        {
            _connections.Add(client);
            _connections.Add(upstream);
        }
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
            await Task.WhenAny(
                Pump(client.GetStream(), upstream.GetStream(), towardsBroker: true),
                Pump(upstream.GetStream(), client.GetStream(), towardsBroker: false));
        }
        catch (Exception)
        {
            // The test ended or a side closed: the other side sees the connection drop, as on a real network.
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task Pump(NetworkStream from, NetworkStream to, bool towardsBroker)
    {
        var buffer = new byte[16 * 1024];
        while (!_stop.IsCancellationRequested)
        {
            while (Mode == ProxyMode.Stall)
            {
                await Task.Delay(20, _stop.Token); // holds the bytes: nothing is read, nothing answered
            }
            var read = await from.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return;
            }
            while (Mode == ProxyMode.Stall)
            {
                await Task.Delay(20, _stop.Token); // a stall that began mid-chunk holds this chunk too
            }
            if (towardsBroker && Mode == ProxyMode.Slow)
            {
                await Task.Delay(SlowDelay, _stop.Token); // the fault itself: a slow link, not a wait for a condition
            }
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }
}

public enum ProxyMode
{
    Forward,
    Stall,
    Slow,
}
