using System.Net;
using System.Net.Sockets;
using EdgeEmotion.Core;
using EdgeEmotion.Daemon.Dashboard;
using EdgeEmotion.Daemon.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace EdgeEmotion.Daemon.Publishing;

/// <summary>
/// With no <c>Mqtt:Host</c> configured, an MQTTnet broker on loopback so that the daemon works out
/// of the box; local dashboards subscribe to it. Any local process may subscribe (with any client
/// id, an empty one included), but only the daemon may publish under <c>Mqtt:TopicPrefix</c> and its
/// Home Assistant discovery topics, and nobody else may use its client id: it logs in with
/// <see cref="DaemonUser"/> and a secret made at start that never leaves the process. Browsers
/// that come through the dashboard's WebSocket entrance (<see cref="BrowserWebSockets"/>) may
/// publish nothing at all.
/// </summary>
public sealed partial class EmbeddedBroker(IOptions<MqttOptions> options, IOptions<DaemonOptions> daemonOptions, BrowserWebSockets browsers, ILogger<EmbeddedBroker> logger) : IHostedService, IDisposable
{
    public const string DaemonUser = "edgeemotion-daemon";

    private const string TrustedKey = "edgeemotion.daemon";
    private const string BrowserKey = "edgeemotion.browser";
    private static readonly System.Reflection.FieldInfo? ConnectPacketField =
        typeof(ValidatingConnectionEventArgs).GetField("_connectPacket", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);
    private MqttServer? _server;
    private int _refusedPublishes;

    /// <summary>The daemon's password on this broker, new at every start.</summary>
    public string DaemonSecret { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

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
        var factory = new MqttServerFactory();
        if (browsers.Enabled)
        {
            factory.DefaultServerAdapters.Add(_ => browsers);
        }
        _server = factory.CreateMqttServer(serverOptions);
        _server.ValidatingConnectionAsync += ValidateConnection;
        _server.InterceptingPublishAsync += InterceptPublish;
        try
        {
            await _server.StartAsync();
        }
        catch (SocketException ex)
        {
            throw new UserInputException($"Embedded MQTT broker cannot listen on 127.0.0.1:{Port} ({ex.Message}); set Mqtt:Port to a free port or Mqtt:Host to a broker.", ex);
        }
        LogListening(logger, Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync();
        }
    }

    public void Dispose() => _server?.Dispose();

    private string DaemonClientId => $"edgeemotion-{daemonOptions.Value.ResolvedDeviceId}";

    private Task ValidateConnection(ValidatingConnectionEventArgs e)
    {
        var claimsDaemon = e.UserName == DaemonUser || e.ClientId == DaemonClientId;
        if (claimsDaemon && !(e.UserName == DaemonUser && e.Password == DaemonSecret))
        {
            e.ReasonCode = MQTTnet.Protocol.MqttConnectReasonCode.NotAuthorized;
            LogImpostorRefused(logger, e.RemoteEndPoint, e.ClientId);
            return Task.CompletedTask;
        }
        if (string.IsNullOrEmpty(e.ClientId))
        {
            // MQTT lets a client with a clean session leave its id to the broker (a plain
            // mosquitto_sub does). MQTTnet 5.2 assigns one only to MQTT 5 clients and refuses MQTT
            // 3.1.1 ones, so the id is written into the CONNECT packet it validates (its only
            // holder; a test fails if a later MQTTnet moves it).
            var assigned = "anonymous-" + Guid.NewGuid().ToString("N")[..12];
            e.AssignedClientIdentifier = assigned;
            if (e.ProtocolVersion != MQTTnet.Formatter.MqttProtocolVersion.V500 && e.CleanSession == true
                && ConnectPacketField?.GetValue(e) is MQTTnet.Packets.MqttConnectPacket packet)
            {
                packet.ClientId = assigned;
            }
        }
        e.SessionItems[TrustedKey] = claimsDaemon;
        e.SessionItems[BrowserKey] = browsers.CameThroughBrowser(e.ChannelAdapter);
        return Task.CompletedTask;
    }

    private Task InterceptPublish(InterceptingPublishEventArgs e)
    {
        var browser = e.SessionItems[BrowserKey] is true;
        if (!browser && (e.SessionItems[TrustedKey] is true || !IsProtected(e.ApplicationMessage.Topic)))
        {
            return Task.CompletedTask;
        }
        e.ProcessPublish = false;
        // An MQTT 5 client (mqtt.js) is told why; MQTT 3.1.1 has no refusal for a publish.
        e.Response.ReasonCode = MQTTnet.Protocol.MqttPubAckReasonCode.NotAuthorized;
        if (Interlocked.Increment(ref _refusedPublishes) == 1)
        {
            LogPublishDropped(logger, e.ClientId, e.ApplicationMessage.Topic);
        }
        return Task.CompletedTask;
    }

    private bool IsProtected(string topic)
    {
        var prefix = options.Value.TopicPrefix + "/";
        var discovery = $"{options.Value.HomeAssistantPrefix}/sensor/edgeemotion_{HomeAssistantDiscovery.Identifier(daemonOptions.Value.ResolvedDeviceId)}/";
        return topic.StartsWith(prefix, StringComparison.Ordinal) || topic.StartsWith(discovery, StringComparison.Ordinal);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LoggerMessage(0, LogLevel.Information, "Embedded MQTT broker listening on 127.0.0.1:{Port} (no Mqtt:Host configured)")]
    private static partial void LogListening(ILogger logger, int port);

    [LoggerMessage(0, LogLevel.Warning, "Embedded MQTT broker refused a client from {Endpoint} that claimed to be this daemon (client id '{ClientId}').")]
    private static partial void LogImpostorRefused(ILogger logger, EndPoint? endpoint, string? clientId);

    [LoggerMessage(0, LogLevel.Warning, "Embedded MQTT broker dropped a message from client '{ClientId}' on {Topic}: only this daemon publishes there (further ones are dropped silently).")]
    private static partial void LogPublishDropped(ILogger logger, string? clientId, string topic);
}
