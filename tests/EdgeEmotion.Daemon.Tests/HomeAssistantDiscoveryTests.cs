namespace EdgeEmotion.Daemon.Tests;

/// <summary>Home Assistant MQTT discovery against a real mosquitto: retained configs whose
/// templates read keys that the daemon really publishes, sent again when Home Assistant
/// announces itself and after a broker restart; nothing when the option is off.</summary>
public sealed class HomeAssistantDiscoveryTests(MosquittoBroker broker) : IClassFixture<MosquittoBroker>
{
    private const string Device = "kiosk.07";
    private const string Node = "edgeemotion_kiosk_07";
    private static readonly string[] Sensors = [.. EmotionLabels.Names, "faces", "visitors", "new_visitors", "visits_published", "last_visit_emotion", "last_visit_dwell", "fps", "pending_windows", "source_state"];

    // Counts since the daemon's start, which a restart sets back to zero.
    private static readonly string[] Counters = ["visits_published"];

    // A visit as the daemon writes it: the visit sensors' templates must read real keys.
    private static readonly JsonElement ContractVisit = JsonDocument.Parse(EdgeEmotion.Daemon.Publishing.Payloads.MqttPayloads.Visit(
        new EdgeEmotion.Daemon.Visits.Visit(1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(3), 2, 30, [0, 0, 0, 1, 0, 0, 0], [0, 0, 0, 3, 0, 0, 0]),
        1, Device, "m", "s")).RootElement;

    [Fact]
    public async Task Configs_are_retained_valid_and_sent_again_when_Home_Assistant_or_the_broker_restarts()
    {
        using var state = new TempDirectory();
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, "#");
        using var host = DaemonHost.CreateBuilder(Args(state, "--Mqtt:HomeAssistantDiscovery=true"), etcDirectory: null).Build();
        await host.StartAsync(TestContext.Current.CancellationToken);

        await WaitForConfigsAsync(recorder, since: DateTime.MinValue);
        var emotions = JsonDocument.Parse((await recorder.WaitForAsync(m => m.Topic == $"edgeemotion/{Device}/emotions")).Payload).RootElement;
        var stats = JsonDocument.Parse((await recorder.WaitForAsync(m => m.Topic == $"edgeemotion/{Device}/stats")).Payload).RootElement;
        var ids = new HashSet<string>();
        foreach (var sensor in Sensors)
        {
            var message = recorder.Messages.First(m => m.Topic == ConfigTopic(sensor));
            var config = JsonDocument.Parse(message.Payload).RootElement;
            Assert.True(ids.Add(config.GetProperty("unique_id").GetString()!), "unique_id must be unique");
            Assert.Equal($"edgeemotion/{Device}/status", config.GetProperty("availability_topic").GetString());
            Assert.Equal(Node, config.GetProperty("device").GetProperty("identifiers")[0].GetString());
            // The template must name a key that the state topic's real payload has.
            var stateTopic = config.GetProperty("state_topic").GetString()!;
            var payload = stateTopic.EndsWith("/emotions", StringComparison.Ordinal) ? emotions
                : stateTopic.EndsWith("/stats", StringComparison.Ordinal) ? stats
                : stateTopic.EndsWith("/visits", StringComparison.Ordinal) ? ContractVisit
                : throw new Xunit.Sdk.XunitException($"unexpected state topic {stateTopic}");
            var path = config.GetProperty("value_template").GetString()!.Trim('{', '}', ' ').Split('.').Skip(1);
            var value = path.Aggregate(payload, (element, key) => element.GetProperty(key));
            Assert.NotEqual(JsonValueKind.Undefined, value.ValueKind);
            // Home Assistant keeps long-term statistics only of sensors with a state class: every
            // number gets one, a count since the start "total_increasing", text none.
            var stateClass = config.TryGetProperty("state_class", out var declared) ? declared.GetString() : null;
            Assert.Equal(value.ValueKind != JsonValueKind.Number ? null : Counters.Contains(sensor) ? "total_increasing" : "measurement", stateClass);
            // A device that stops sending shows 'unavailable' after three periods (1 s windows and stats here).
            if (!stateTopic.EndsWith("/visits", StringComparison.Ordinal))
            {
                Assert.Equal(3, config.GetProperty("expire_after").GetInt32());
            }
            if (!stateTopic.EndsWith("/stats", StringComparison.Ordinal))
            {
                Assert.True(config.GetProperty("force_update").GetBoolean(), "equal counts in consecutive windows must still be recorded");
            }
        }

        await using (var late = await MqttRecorder.StartAsync(broker.Port, $"homeassistant/sensor/{Node}/+/config"))
        {
            await late.WaitForAsync(_ => late.Messages.Count == Sensors.Length);
            Assert.All(late.Messages, m => Assert.True(m.Retained, $"{m.Topic} must be retained"));
        }

        var announced = DateTime.UtcNow;
        await recorder.PublishAsync("homeassistant/status", "online");
        await WaitForConfigsAsync(recorder, since: announced);
        // Sent once per announcement: nothing more by the time the daemon has published two
        // further windows after the configs (its messages go out in order on one session).
        var resent = recorder.Messages.Where(m => m.At >= announced && m.Topic.EndsWith("/config", StringComparison.Ordinal)).Max(m => m.At);
        await Wait.Until(() => recorder.Messages.Count(m => m.At > resent && m.Topic == $"edgeemotion/{Device}/emotions") >= 2, "two windows after the configs");
        Assert.Equal(Sensors.Length, recorder.Messages.Count(m => m.At >= announced && m.Topic.EndsWith("/config", StringComparison.Ordinal)));

        // mosquitto here keeps nothing across a restart: the daemon must resend and resubscribe.
        broker.Stop();
        broker.Start();
        await using var afterRestart = await MqttRecorder.StartAsync(broker.Port, "homeassistant/#");
        await WaitForConfigsAsync(afterRestart, since: DateTime.MinValue, TimeSpan.FromSeconds(45));
        var announcedAgain = DateTime.UtcNow;
        await afterRestart.PublishAsync("homeassistant/status", "online");
        await WaitForConfigsAsync(afterRestart, since: announcedAgain);

        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Nothing_is_published_for_Home_Assistant_unless_asked()
    {
        using var state = new TempDirectory();
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, "#");
        // Another device: the other test's retained configs may still be on the broker.
        using var host = DaemonHost.CreateBuilder(Args(state, "--DeviceId=kiosk-08"), etcDirectory: null).Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        await recorder.WaitForAsync(m => m.Topic == "edgeemotion/kiosk-08/emotions");
        await host.StopAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(recorder.Messages, m => m.Topic.Contains("kiosk-08", StringComparison.Ordinal) && !m.Topic.StartsWith("edgeemotion/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Decommissioning_a_device_leaves_no_retained_ghosts()
    {
        using var state = new TempDirectory();
        string[] args = [.. Args(state, "--DeviceId=kiosk-09", "--Mqtt:HomeAssistantDiscovery=true")];
        await using (var recorder = await MqttRecorder.StartAsync(broker.Port, "homeassistant/sensor/edgeemotion_kiosk-09/+/config"))
        {
            using var host = DaemonHost.CreateBuilder(args, etcDirectory: null).Build();
            await host.StartAsync(TestContext.Current.CancellationToken);
            await recorder.WaitForAsync(_ => recorder.Messages.Count >= Sensors.Length);
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
        Assert.NotEmpty(await RetainedAsync("kiosk-09", "edgeemotion_kiosk-09"));

        var (exit, output) = DaemonProcess.Run(TimeSpan.FromSeconds(60), ["--decommission", .. args]);
        Assert.True(exit == 0, output);
        Assert.Contains($"Cleared {Sensors.Length + 2} retained topics of device 'kiosk-09'", output, StringComparison.Ordinal);
        Assert.Empty(await RetainedAsync("kiosk-09", "edgeemotion_kiosk-09"));
    }

    /// <summary>A closed port is "connection refused by host:port", not MQTTnet's "Error while
    /// connecting host 'Unspecified/127.0.0.1:1'".</summary>
    [Fact]
    public void Decommissioning_against_a_closed_port_says_the_connection_was_refused()
    {
        using var state = new TempDirectory();
        var port = LoopbackPort.Free();
        var (exit, output) = DaemonProcess.Run(TimeSpan.FromSeconds(60), "--decommission", "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={port}", $"--StateDirectory={state.Path}", "--DeviceId=kiosk-10");
        Assert.Equal(2, exit);
        Assert.Contains($"--decommission: could not clear the retained topics on 127.0.0.1:{port}: connection refused by 127.0.0.1:{port}.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unspecified", output, StringComparison.Ordinal);
    }

    /// <summary>The retained messages a new subscriber gets for a device. The broker sends retained
    /// messages when the subscription is made, before anything published after it: once a probe
    /// published afterwards has arrived, every retained message has too.</summary>
    private async Task<List<string>> RetainedAsync(string device, string node)
    {
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, "#");
        await recorder.PublishAsync($"probe/{device}", "probe");
        await recorder.WaitForAsync(m => m.Topic == $"probe/{device}");
        return [.. recorder.Messages.Where(m => m.Retained && (m.Topic.StartsWith($"edgeemotion/{device}/", StringComparison.Ordinal) || m.Topic.Contains(node, StringComparison.Ordinal))).Select(m => m.Topic)];
    }

    private string[] Args(TempDirectory state, params string[] extra) =>
    [
        "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={broker.Port}", $"--DeviceId={Device}", "--Mqtt:LogMessages=false",
        $"--Source:Uri=images://{DemoPictures.Folder}?fps=5", "--Aggregation:WindowSeconds=1", "--Mqtt:StatsIntervalSeconds=1",
        "--Mqtt:MaxReconnectSeconds=2", $"--StateDirectory={state.Path}", .. extra,
    ];

    private static string ConfigTopic(string sensor) => $"homeassistant/sensor/{Node}/{sensor}/config";

    private static async Task WaitForConfigsAsync(MqttRecorder recorder, DateTime since, TimeSpan? timeout = null) =>
        await recorder.WaitForAsync(
            _ => Sensors.All(s => recorder.Messages.Any(m => m.Topic == ConfigTopic(s) && m.At >= since)),
            timeout);
}
