namespace EdgeEmotion.Dashboard.Tests;

/// <summary>
/// The daemon's embedded broker and its WebSocket entrance against local clients that try to fill
/// its memory: huge publishes over TCP and WebSocket, retained messages and a will outside the
/// device's topics. The daemon runs as its own process; its resident memory is read from /proc.
/// </summary>
public sealed class EmbeddedBrokerAttackTests
{
    private const string Device = "kiosk-attacked";
    private const long MiB = 1024 * 1024;

    /// <summary>The issue's bound: what a fresh daemon may grow by under these attacks.</summary>
    private const long AllowedGrowth = 20 * MiB;

    [Fact]
    public async Task Huge_and_retained_publishes_and_wills_of_other_clients_leave_the_daemons_memory_and_retained_topics_as_they_were()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var state = new TempDirectory();
        var httpPort = LoopbackPort.Free();
        var mqttPort = LoopbackPort.Free();
        using var daemon = DaemonProcess.Start(
            $"--Source:Uri=images://{DemoPictures.Folder}?fps=2", $"--Mqtt:Port={mqttPort}", $"--Dashboard:Urls=http://127.0.0.1:{httpPort}",
            $"--DeviceId={Device}", $"--StateDirectory={state.Path}", "--Aggregation:WindowSeconds=1", "--Detector:InputWidth=320");
        Assert.True(await daemon.WaitForOutputAsync(o => o.Contains("Connected to MQTT broker", StringComparison.Ordinal), TimeSpan.FromSeconds(180)), daemon.Output);
        await using var windows = await MqttRecorder.StartAsync(mqttPort, $"edgeemotion/{Device}/emotions");
        var webSocket = new Uri($"ws://127.0.0.1:{httpPort}/mqtt");

        // Baseline: the daemon at work, with well-behaved clients having come through both entrances.
        await using (var tcpVisitor = await HostileMqttClient.OverTcpAsync(mqttPort, cancel))
        await using (var webVisitor = await HostileMqttClient.OverWebSocketAsync(webSocket, cancel))
        {
            Assert.True(await tcpVisitor.ConnectAsync("visitor-tcp", null, cancel));
            Assert.True(await webVisitor.ConnectAsync("visitor-ws", null, cancel));
        }
        long baseline;
        await using (var quiet = new PeakResidentMemory(daemon.Id))
        {
            await WindowsAsync(windows, 3);
            baseline = quiet.PeakBytes;
        }

        var took = new List<bool>();
        await using (var underAttack = new PeakResidentMemory(daemon.Id))
        {
            // The issue's reproduction: one 250 MB publish through the dashboard's WebSocket...
            await using (var browserless = await HostileMqttClient.OverWebSocketAsync(webSocket, cancel))
            {
                if (await browserless.ConnectAsync("flood-ws", null, cancel))
                {
                    took.Add(await browserless.FloodAsync($"edgeemotion/{Device}/emotions", 250 * MiB, retain: false, cancel));
                }
            }
            // ...and retained ones outside the device's topics over TCP: 200 MB, then 3 x 100 MB.
            foreach (var (topic, size) in new[] { ("elsewhere/a", 200 * MiB), ("elsewhere/b", 100 * MiB), ("elsewhere/c", 100 * MiB), ("elsewhere/d", 100 * MiB) })
            {
                await using var flooder = await HostileMqttClient.OverTcpAsync(mqttPort, cancel);
                if (await flooder.ConnectAsync("flood-" + topic[^1], null, cancel))
                {
                    took.Add(await flooder.FloodAsync(topic, size, retain: true, cancel));
                }
            }
            // Small ones too: a retained message and a retained will.
            await using (var small = await HostileMqttClient.OverTcpAsync(mqttPort, cancel))
            {
                Assert.True(await small.ConnectAsync("small", null, cancel));
                Assert.True(await small.FloodAsync("elsewhere/small", 16, retain: true, cancel), "a small publish must not cost the connection");
            }
            var willing = await HostileMqttClient.OverTcpAsync(mqttPort, cancel);
            Assert.True(await willing.ConnectAsync("willing", ("elsewhere/will", "gone"), cancel));
            willing.Abort();

            await WindowsAsync(windows, 3);
            Assert.False(daemon.HasExited, daemon.Output);
            var growth = underAttack.PeakBytes - baseline;
            TestContext.Current.TestOutputHelper?.WriteLine($"resident memory: baseline {baseline / MiB} MiB, peak under attack {underAttack.PeakBytes / MiB} MiB");
            Assert.True(growth <= AllowedGrowth, $"resident memory grew by {growth / MiB} MiB under attack (baseline {baseline / MiB} MiB, allowed {AllowedGrowth / MiB} MiB)");
        }
        Assert.Equal(5, took.Count);
        Assert.All(took, Assert.False); // every flooder was cut off, none answered as if its publish had been read

        // A new subscriber to everything gets the daemon's retained messages and nothing else.
        await using var everything = await MqttRecorder.StartAsync(mqttPort, "#");
        await everything.WaitForAsync(m => m.Topic.EndsWith("/emotions", StringComparison.Ordinal) && !m.Retained, TimeSpan.FromSeconds(60));
        var retained = everything.Messages.Where(m => m.Retained).Select(m => m.Topic).ToList();
        Assert.Contains($"edgeemotion/{Device}/status", retained);
        Assert.All(retained, topic => Assert.StartsWith($"edgeemotion/{Device}/", topic, StringComparison.Ordinal));
        Assert.DoesNotContain(everything.Messages, m => m.Topic.StartsWith("elsewhere/", StringComparison.Ordinal));
        Assert.Contains("Embedded MQTT broker closed a connection from", daemon.Output, StringComparison.Ordinal);
    }

    private static Task WindowsAsync(MqttRecorder windows, int more)
    {
        var seen = windows.Messages.Count;
        return Wait.Until(() => windows.Messages.Count >= seen + more, $"{more} more windows from the daemon", TimeSpan.FromSeconds(120));
    }
}
