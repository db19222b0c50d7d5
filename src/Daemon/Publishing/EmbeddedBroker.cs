using System.Net;
using System.Net.Sockets;
using EdgeEmotion.Daemon.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace EdgeEmotion.Daemon.Publishing;

/// <summary>With no <c>Mqtt:Host</c> configured, an MQTTnet broker on loopback so that the daemon
/// works out of the box; local dashboards subscribe to it.</summary>
public sealed class EmbeddedBroker(IOptions<MqttOptions> options, ILogger<EmbeddedBroker> logger) : IHostedService, IDisposable
{
    private MqttServer? _server;

    /// <summary>The port the broker listens on (a free one when <c>Mqtt:Port</c> is 0).</summary>
    public int Port { get; private set; }

    public bool Enabled => options.Value.UsesEmbeddedBroker;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return;
        }
        Port = options.Value.Port == 0 ? FreeLoopbackPort() : options.Value.Port;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(Port)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        try
        {
            await _server.StartAsync();
        }
        catch (SocketException ex)
        {
            throw new InvalidOperationException($"Embedded MQTT broker cannot listen on 127.0.0.1:{Port} ({ex.Message}); set Mqtt:Port to a free port or Mqtt:Host to a broker.", ex);
        }
        logger.LogInformation("Embedded MQTT broker listening on 127.0.0.1:{Port} (no Mqtt:Host configured)", Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync();
        }
    }

    public void Dispose() => _server?.Dispose();

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
