using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;

namespace EdgeEmotion.Daemon.Broker;

/// <summary>
/// The embedded broker's TCP listener on 127.0.0.1, in place of MQTTnet's own: MQTTnet's listener
/// builds each connection's channel itself and offers no way to bound what a client sends, so this
/// one (the same few steps: accept, wrap the socket's stream, hand the connection to the broker)
/// puts every connection behind <see cref="ClientPacketLimit"/>, and lifts the limit for the
/// daemon's own once it has logged in (<see cref="TrustFully"/>).
/// </summary>
internal sealed class LoopbackTcpEntrance(int port, ClientPacketLimit limit) : IMqttServerAdapter
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConditionalWeakTable<IMqttChannelAdapter, PacketSizeLimitedChannel> _channels = [];
    private TcpListener? _listener;
    private int _disposed;

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    /// <summary>The port listened on (the free one picked when asked for port 0).</summary>
    public int Port => ((IPEndPoint)(_listener ?? throw new InvalidOperationException("not started")).LocalEndpoint).Port;

    /// <summary>Lifts the packet size limit of a connection that came through this entrance.</summary>
    public void TrustFully(IMqttChannelAdapter connection)
    {
        if (_channels.TryGetValue(connection, out var channel))
        {
            channel.Lift();
        }
    }

    /// <exception cref="SocketException">The port is taken.</exception>
    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        _ = AcceptAsync(_listener, options, logger, _stop.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        _listener?.Stop();
    }

    /// <summary>Called twice: by the MQTTnet server, which owns its adapters, and by the broker.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stop.Cancel();
            _listener?.Dispose();
            _stop.Dispose();
        }
    }

    private async Task AcceptAsync(TcpListener listener, MqttServerOptions options, IMqttNetLogger logger, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stop);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException && stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // a client that went away between connecting and being accepted
            }
            _ = Task.Run(() => ServeAsync(socket, options, logger), CancellationToken.None);
        }
    }

    private async Task ServeAsync(Socket socket, MqttServerOptions options, IMqttNetLogger logger)
    {
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            socket.NoDelay = true;
            var channel = limit.Apply(new MqttTcpChannel(stream, socket.LocalEndPoint, socket.RemoteEndPoint, null));
            using var connection = new MqttChannelAdapter(channel, new MqttPacketFormatterAdapter(new MqttBufferWriter(options.WriterBufferSize, options.WriterBufferSizeMax)), logger);
            _channels.Add(connection, channel);
            if (ClientHandler is { } handler)
            {
                await handler(connection);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The client went away; the broker has already ended its session.
        }
    }
}
