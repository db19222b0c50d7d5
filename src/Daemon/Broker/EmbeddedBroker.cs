using System.Net;
using System.Net.Sockets;
using EdgeEmotion.Daemon.Options;
using MQTTnet.Server;

namespace EdgeEmotion.Daemon.Broker;

/// <summary>
/// With no <c>Mqtt:Host</c> configured, an MQTTnet broker on loopback so that the daemon works out
/// of the box. It exists for subscribers (local dashboards): any local process may subscribe (with
/// any client id, an empty one included), but only the daemon may publish (on any topic, wills
/// included, so no retained message but the daemon's is kept), and nobody else may use its client
/// id: it logs in with <see cref="DaemonUser"/> and a secret made at start that never leaves the
/// process. Every other client, over TCP or through the dashboard's WebSocket entrance
/// (<see cref="BrowserWebSockets"/>), is disconnected when it announces a packet larger than
/// <see cref="ClientPacketLimit.MaxBytes"/>, before the broker reads it.
/// </summary>
internal sealed partial class EmbeddedBroker(IOptions<MqttOptions> options, IOptions<DaemonOptions> daemonOptions, BrowserWebSockets browsers, ClientPacketLimit packetLimit, ILogger<EmbeddedBroker> logger) : IHostedService, IDisposable
{
    public const string DaemonUser = "edgeemotion-daemon";

    private const string TrustedKey = "edgeemotion.daemon";
    private static readonly System.Reflection.FieldInfo? ConnectPacketField =
        typeof(ValidatingConnectionEventArgs).GetField("_connectPacket", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);
    private MqttServer? _server;
    private LoopbackTcpEntrance? _tcp;
    private int _refusedPublishes;

    /// <summary>The daemon's password on this broker, new at every start: 32 bytes of the kernel's
    /// random source. Read from /dev/urandom rather than by RandomNumberGenerator, which on Linux
    /// loads OpenSSL's libcrypto (3.4 MB resident for as long as the daemon runs) for this alone.</summary>
    public string DaemonSecret { get; } = KernelRandom.Hex(32);

    /// <summary>The port the broker listens on (a free one when <c>Mqtt:Port</c> is 0).</summary>
    public int Port { get; private set; }

    public bool Enabled => options.Value.UsesEmbeddedBroker;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return;
        }
        // MQTTnet's own TCP listener stays off (no default endpoint): ours bounds packet sizes.
        var serverOptions = new MqttServerOptionsBuilder().Build();
        _tcp = new LoopbackTcpEntrance(options.Value.Port, packetLimit);
        List<IMqttServerAdapter> entrances = browsers.Enabled ? [_tcp, browsers] : [_tcp];
        _server = new MqttServerFactory().CreateMqttServer(serverOptions, entrances);
        _server.ValidatingConnectionAsync += ValidateConnection;
        _server.InterceptingPublishAsync += InterceptPublish;
        try
        {
            await _server.StartAsync();
        }
        catch (SocketException ex)
        {
            throw new UserInputException($"Embedded MQTT broker cannot listen on 127.0.0.1:{options.Value.Port} ({ex.Message}); set Mqtt:Port to a free port or Mqtt:Host to a broker.", ex);
        }
        Port = _tcp.Port;
        LogListening(logger, Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync();
        }
    }

    public void Dispose()
    {
        _server?.Dispose();
        _tcp?.Dispose();
    }

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
        if (claimsDaemon)
        {
            // Its windows, faces and discovery configs may be larger than other clients' packets.
            _tcp?.TrustFully(e.ChannelAdapter);
        }
        return Task.CompletedTask;
    }

    private Task InterceptPublish(InterceptingPublishEventArgs e)
    {
        // Wills come this way too, with their client's session items.
        if (e.SessionItems[TrustedKey] is true)
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

    [LoggerMessage(0, LogLevel.Information, "Embedded MQTT broker listening on 127.0.0.1:{Port} (no Mqtt:Host configured)")]
    private static partial void LogListening(ILogger logger, int port);

    [LoggerMessage(0, LogLevel.Warning, "Embedded MQTT broker refused a client from {Endpoint} that claimed to be this daemon (client id '{ClientId}').")]
    private static partial void LogImpostorRefused(ILogger logger, EndPoint? endpoint, string? clientId);

    [LoggerMessage(0, LogLevel.Warning, "Embedded MQTT broker dropped a message from client '{ClientId}' on {Topic}: only this daemon publishes on its broker, other clients may only subscribe (further ones are dropped silently).")]
    private static partial void LogPublishDropped(ILogger logger, string? clientId, string topic);
}
