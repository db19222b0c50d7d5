using EdgeEmotion.Collector.Tests.Ingest;
using static EdgeEmotion.Collector.Tests.EndToEnd.RunningApi;

namespace EdgeEmotion.Collector.Tests.EndToEnd;

/// <summary>
/// The one-box shop on the daemon's defaults: the collector on the daemon's embedded broker
/// (MQTTnet's server), which offers no shared subscriptions and keeps no session. The collector
/// used to subscribe with <c>$share/…</c> filters that broker refuses, log "subscribed" and store
/// nothing. It now subscribes to the topics themselves there, says what that broker cannot keep,
/// and says so again when a daemon restart has lost its session.
/// </summary>
public sealed class EmbeddedBrokerTests : IDisposable
{
    private const string Device = "kiosk-1";
    private readonly string _prefix = "b" + Guid.NewGuid().ToString("N")[..8];
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task The_collector_stores_what_the_daemon_publishes_on_its_embedded_broker_and_says_what_that_broker_does_not_keep()
    {
        var port = LoopbackPort.Free();
        var api = $"http://127.0.0.1:{LoopbackPort.Free().ToString(CultureInfo.InvariantCulture)}";
        using var daemon = StartDaemon(port);
        Assert.True(await daemon.WaitForOutputAsync(o => o.Contains("Connected to MQTT broker", StringComparison.Ordinal), TimeSpan.FromMinutes(1)), daemon.Output);
        using var collector = await CollectorProcess.StartAsync(port, _prefix, "collector-1", "shop", [$"--StateDirectory={_folder.Combine("collector")}"], api);
        using var http = new HttpClient { BaseAddress = new Uri(api) };

        await Wait.Until(() => StoredWindows(http) >= 3, "three of the daemon's windows stored", seen: () => collector.Output);
        Assert.Contains("offers no shared subscriptions", collector.Output, StringComparison.Ordinal);
        var health = Get(http, "/api/v1/health");
        Assert.Equal((0L, 0L), (health.GetProperty("duplicates").GetInt64(), health.GetProperty("gap_ranges").GetInt64()));

        // A daemon restart starts its broker empty: the collector's session is gone, and it says so.
        Assert.True(daemon.Terminate(TimeSpan.FromSeconds(30)), daemon.Output);
        var before = StoredWindows(http);
        using var restarted = StartDaemon(port);
        await Wait.Until(() => collector.Output.Contains("kept no session for collector-1", StringComparison.Ordinal), "the collector's line on the lost session",
            TimeSpan.FromMinutes(1), () => collector.Output);
        await Wait.Until(() => StoredWindows(http) > before, "windows stored after the restart", seen: () => collector.Output + restarted.Output);
    }

    public void Dispose() => _folder.Dispose();

    private DaemonProcess StartDaemon(int port) => DaemonProcess.Start(ProgramBuild.StartInfo("edgeemotion-daemon",
    [
        $"--Mqtt:Port={port.ToString(CultureInfo.InvariantCulture)}", $"--Mqtt:TopicPrefix={_prefix}", $"--DeviceId={Device}",
        $"--StateDirectory={_folder.Combine("daemon")}", "--Aggregation:WindowSeconds=1", $"--Source:Uri=images://{DemoPictures.Folder}?fps=5",
    ]));

    private static int StoredWindows(HttpClient http) =>
        Get(http, $"/api/v1/windows?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&device={Device}").GetProperty("windows").GetArrayLength();
}
