using System.Net;
using EdgeEmotion.Daemon.Options;
using Microsoft.AspNetCore.Http;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;

namespace EdgeEmotion.Daemon.Broker;

/// <summary>
/// The embedded broker's second entrance: MQTT over WebSockets for the dashboard, served by
/// <see cref="DashboardServer"/> on the dashboard's port. Each WebSocket becomes a broker
/// connection as MQTTnet.AspNetCore's adapter makes one, but behind <see cref="ClientPacketLimit"/>
/// (that adapter gives no way to bound a client's packets, and reads a packet's whole announced
/// size into memory first). Clients that come this way are never the daemon: the broker lets them
/// publish nothing.
/// </summary>
internal sealed class BrowserWebSockets(IOptions<DashboardOptions> dashboard, IOptions<MqttOptions> mqtt, ClientPacketLimit packetLimit) : IMqttServerAdapter
{
    public const string Path = "/mqtt";

    // MQTTnet.AspNetCore's writer sizes for a WebSocket connection.
    private const int WriterBufferSize = 4096;
    private const int WriterBufferSizeMax = 65535;

    private IMqttNetLogger _logger = MqttNetNullLogger.Instance;

    /// <summary>Only with the embedded broker: a real broker has its own WebSocket listener.</summary>
    public bool Enabled => dashboard.Value.Enabled && mqtt.Value.UsesEmbeddedBroker;

    /// <summary>Set by the broker when it starts: where a new connection is handed over.</summary>
    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    public async Task RunAsync(System.Net.WebSockets.WebSocket socket, HttpContext context)
    {
        var handler = ClientHandler ?? throw new InvalidOperationException("The broker has not started its WebSocket entrance.");
        var remote = context.Connection.RemoteIpAddress is { } address ? new IPEndPoint(address, context.Connection.RemotePort) : null;
        var channel = packetLimit.Apply(new MqttWebSocketChannel(socket, remote, isSecureConnection: false, clientCertificate: null));
        using var connection = new MqttChannelAdapter(channel, new MqttPacketFormatterAdapter(new MqttBufferWriter(WriterBufferSize, WriterBufferSizeMax)), _logger);
        await handler(connection);
    }

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        _logger = logger;
        return Task.CompletedTask;
    }

    public Task StopAsync() => Task.CompletedTask;

    public void Dispose()
    {
    }
}
