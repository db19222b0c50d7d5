using System.Runtime.CompilerServices;
using EdgeEmotion.Daemon.Options;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MQTTnet.Adapter;
using MQTTnet.AspNetCore;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Server;

namespace EdgeEmotion.Daemon.Dashboard;

/// <summary>
/// The embedded broker's second entrance: MQTT over WebSockets for the dashboard, served by
/// <see cref="DashboardServer"/> on the dashboard's port (MQTTnet.AspNetCore's adapter). It
/// remembers which connections came this way, so that the broker can keep them read-only.
/// </summary>
public sealed class BrowserWebSockets(IOptions<DashboardOptions> dashboard, IOptions<MqttOptions> mqtt) : IMqttServerAdapter
{
    public const string Path = "/mqtt";

    // Made when the broker starts with this entrance (Enabled), so that a daemon without a
    // dashboard loads nothing of ASP.NET Core.
    private MqttWebSocketServerAdapter? _adapter;
    private readonly ConditionalWeakTable<IMqttChannelAdapter, object> _browsers = [];

    /// <summary>Only with the embedded broker: a real broker has its own WebSocket listener.</summary>
    public bool Enabled => dashboard.Value.Enabled && mqtt.Value.UsesEmbeddedBroker;

    /// <summary>Set by the broker when it starts: where a new connection is handed over.</summary>
    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    public bool CameThroughBrowser(IMqttChannelAdapter channel) => _browsers.TryGetValue(channel, out _);

    public Task RunAsync(System.Net.WebSockets.WebSocket socket, HttpContext context) =>
        (_adapter ?? throw new InvalidOperationException("The broker has not started its WebSocket entrance.")).RunWebSocketConnectionAsync(socket, context);

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        _adapter = new MqttWebSocketServerAdapter();
        _adapter.ClientHandler = async channel =>
        {
            _browsers.Add(channel, this);
            if (ClientHandler is { } handler)
            {
                await handler(channel);
            }
        };
        return _adapter.StartAsync(options, logger);
    }

    public Task StopAsync() => _adapter?.StopAsync() ?? Task.CompletedTask;

    public void Dispose() => _adapter?.Dispose();
}
