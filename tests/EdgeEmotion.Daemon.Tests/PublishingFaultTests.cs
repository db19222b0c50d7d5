using System.Diagnostics;
using System.Text;
using EdgeEmotion.Daemon.Publishing.Durable;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using Onnx;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>
/// The daemon process against brokers and links that misbehave as real ones do: a broker that
/// accepts TCP and never answers, one that stalls mid-session, a slow link at shutdown, a second
/// daemon with the same DeviceId, local processes forging messages on the embedded broker.
/// Windows must arrive gap-free and in order, every fault must be named in one log line, and no
/// fault may hang the process.
/// </summary>
public sealed class PublishingFaultTests
{
    private static string[] Args(int port, string device, string state, params string[] more) =>
    [
        "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={port}", $"--DeviceId={device}", "--Mqtt:MaxReconnectSeconds=1", "--Mqtt:TimeoutSeconds=1",
        $"--Source:Uri=images://{DemoPictures.Folder}?fps=4", "--Aggregation:WindowSeconds=1", $"--StateDirectory={state}",
        "--Detector:InputWidth=320", .. more,
    ];

    private static void AssertGapFree(IEnumerable<long> seqs)
    {
        var all = seqs.Distinct().Order().ToList();
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all);
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    [Fact]
    public async Task A_broker_that_accepts_tcp_and_never_answers_is_named_and_costs_no_window()
    {
        using var broker = new MosquittoBroker();
        using var proxy = new TcpFaultProxy(broker.Port, ProxyMode.Stall);
        using var state = new TempDirectory();
        const string Device = "kiosk-blackhole";
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{Device}/emotions");
        using var daemon = DaemonProcess.Start(Args(proxy.Port, Device, state.Path));

        await Wait.Until(() => daemon.Output.Contains("no answer from the broker to connect within 1 s", StringComparison.Ordinal), "the stalled connect to be named", seen: () => daemon.Output);
        await Wait.Until(() => Directory.GetFiles(state.Combine("outbox"), "*.json").Length >= 2, "windows to wait in the outbox");

        proxy.Mode = ProxyMode.Forward;
        await Wait.Until(() => recorder.Seqs("/emotions").Count >= 3, "windows after the broker answers", seen: () => daemon.Output);

        // Now it stalls in the middle of a session: publishes and pings go unanswered.
        proxy.Mode = ProxyMode.Stall;
        await Wait.Until(() => Occurrences(daemon.Output, "no answer from the broker") >= 2, "the mid-session stall to be named", seen: () => daemon.Output);
        var before = recorder.Seqs("/emotions").Max();
        proxy.Mode = ProxyMode.Forward;
        await Wait.Until(() => recorder.Seqs("/emotions").Max() >= before + 3, "windows after the stall", seen: () => daemon.Output);

        Assert.True(daemon.Terminate(DaemonProcess.UnitStopTimeout));
        // At least once: a window whose acknowledgement the stall swallowed is sent again.
        await Wait.Until(() => recorder.Seqs("/emotions").Max() == recorder.Seqs("/emotions").Distinct().Count(), "the last windows");
        AssertGapFree(recorder.Seqs("/emotions"));
        Assert.DoesNotContain("Exception", daemon.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stop_on_a_slow_link_is_bounded_and_leaves_the_rest_on_disk_for_the_next_start()
    {
        using var broker = new MosquittoBroker();
        using var proxy = new TcpFaultProxy(broker.Port, ProxyMode.Slow) { SlowDelay = TimeSpan.FromMilliseconds(200) };
        using var state = new TempDirectory();
        const string Device = "kiosk-slowlink";
        using (var streams = new MessageStreams(state.Path, 100_000, 64 << 20, NullLoggerFactory.Instance))
        {
            // A 200-window backlog from an outage, as the outbox keeps it.
            for (var i = 0; i < 200; i++)
            {
                streams.Windows.Enqueue(seq => Encoding.UTF8.GetBytes(
                    $$$"""{"schema":1,"device":"{{{Device}}}","seq":{{{seq}}},"window_start":"2026-11-25T10:00:00.000Z","window_end":"2026-11-25T10:00:10.000Z","frames":0,"faces":0,"counts":{},"mean_probabilities":{}}"""));
            }
        }
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{Device}/emotions");
        using (var daemon = DaemonProcess.Start(Args(proxy.Port, Device, state.Path, "--Mqtt:ShutdownSeconds=3")))
        {
            await Wait.Until(() => recorder.Seqs("/emotions").Count >= 3, "the backlog to start draining", seen: () => daemon.Output);
            var stopping = Stopwatch.StartNew();
            // systemd's TimeoutStopSec is 20 s; the daemon must be gone well before.
            Assert.True(daemon.Terminate(TimeSpan.FromSeconds(15)), "the daemon did not stop within 15 s");
            stopping.Stop();
            Assert.Equal(0, daemon.ExitCode);
            Assert.Contains("stay on disk and are sent after the next start", daemon.Output, StringComparison.Ordinal);
        }
        var left = Directory.GetFiles(state.Combine("outbox"), "*.json").Length;
        Assert.True(left > 0, "the slow link should have left windows for the next start");

        using (var daemon = DaemonProcess.Start(Args(broker.Port, Device, state.Path)))
        {
            await Wait.Until(() => recorder.Seqs("/emotions").Distinct().Count() >= 203, "the rest after the next start", seen: () => daemon.Output);
            Assert.True(daemon.Terminate(DaemonProcess.UnitStopTimeout));
        }
        AssertGapFree(recorder.Seqs("/emotions"));
    }

    [Fact]
    public async Task Two_daemons_with_one_DeviceId_are_told_so_and_back_off()
    {
        using var broker = new MosquittoBroker();
        using var stateA = new TempDirectory();
        using var stateB = new TempDirectory();
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, "edgeemotion/kiosk-twin/status");
        string[] slow = ["--Mqtt:MaxReconnectSeconds=5"];
        using var a = DaemonProcess.Start(Args(broker.Port, "kiosk-twin", stateA.Path, slow));
        await Wait.Until(() => a.Output.Contains("Connected to MQTT broker", StringComparison.Ordinal), "the first daemon to connect", seen: () => a.Output);
        using var b = DaemonProcess.Start(Args(broker.Port, "kiosk-twin", stateB.Path, slow));
        const string Told = "with the same client id 'edgeemotion-kiosk-twin': two devices with DeviceId 'kiosk-twin'?";
        await Wait.Until(() => a.Output.Contains(Told, StringComparison.Ordinal) || b.Output.Contains(Told, StringComparison.Ordinal),
            "a daemon to say its session was taken over", seen: () => a.Output + b.Output);
        // Backing off: while they fight over the id, 'status' flips a few times, not dozens.
        var flips = recorder.On("/status").Count;
        Assert.True(flips < 12, $"status flipped {flips} times");
    }

    [Fact]
    public async Task On_the_embedded_broker_anyone_may_subscribe_but_only_the_daemon_publishes_its_topics()
    {
        using var state = new TempDirectory();
        var port = LoopbackPort.Free();
        const string Device = "kiosk-embedded";
        using var daemon = DaemonProcess.Start(
            $"--Mqtt:Port={port}", $"--DeviceId={Device}", $"--StateDirectory={state.Path}", "--Aggregation:WindowSeconds=1",
            $"--Source:Uri=images://{DemoPictures.Folder}?fps=4", "--Detector:InputWidth=320");
        await Wait.Until(() => daemon.Output.Contains("Connected to MQTT broker", StringComparison.Ordinal), "the daemon to connect to its own broker", seen: () => daemon.Output);

        // A plain mosquitto_sub over MQTT 3.1.1, with no client id of its own choosing.
        using var sub = ChildProcess.Start("mosquitto_sub", ["-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", "edgeemotion/#", "-v", "-V", "mqttv311"]);
        string[] Seen() => sub.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await Wait.Until(() => Seen().Any(l => l.StartsWith($"edgeemotion/{Device}/emotions ", StringComparison.Ordinal)), "mosquitto_sub to receive windows", seen: () => sub.Output);

        // A local process forges a window and a retained 'offline'.
        using (var forger = new MqttClientFactory().CreateMqttClient())
        {
            await forger.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("forger").Build(), TestContext.Current.CancellationToken);
            await forger.PublishStringAsync($"edgeemotion/{Device}/emotions", """{"schema":1,"seq":999999}""", cancellationToken: TestContext.Current.CancellationToken);
            await forger.PublishStringAsync($"edgeemotion/{Device}/status", "offline", retain: true, cancellationToken: TestContext.Current.CancellationToken);
            await forger.PublishStringAsync("elsewhere/topic", "fine", cancellationToken: TestContext.Current.CancellationToken);
        }
        // Nor may it take the daemon's client id.
        using (var impostor = new MqttClientFactory().CreateMqttClient())
        {
            var refused = await impostor.ConnectAsync(
                new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"edgeemotion-{Device}").Build(), TestContext.Current.CancellationToken);
            Assert.Equal(MqttClientConnectResultCode.NotAuthorized, refused.ResultCode);
        }
        var count = Seen().Length;
        await Wait.Until(() => Seen().Length >= count + 2, "more windows after the forgery");
        Assert.DoesNotContain(Seen(), l => l.Contains("999999", StringComparison.Ordinal) || l.EndsWith("/status offline", StringComparison.Ordinal));
        Assert.Contains("dropped a message from client 'forger'", daemon.Output, StringComparison.Ordinal);

        // A new subscriber still gets the daemon's own retained 'online'.
        await using var late = await MqttRecorder.StartAsync(port, $"edgeemotion/{Device}/status");
        var status = await late.WaitForAsync(_ => true);
        Assert.Equal("online", status.Payload);
    }

    [Fact]
    public async Task A_full_disk_keeps_the_daemon_running_with_windows_in_memory_and_loses_none()
    {
        using var scratch = new TempDirectory();
        using var mount = TmpfsMount.TryMount(scratch.Combine("tmpfs"), megabytes: 2, out var refused);
        if (mount is null)
        {
            Assert.Skip($"Mounting a tmpfs needs root (mount -t tmpfs); this machine refused it: {refused}");
        }
        using var broker = new MosquittoBroker();
        // Through a proxy that holds the daemon's connections while the broker restarts, so that
        // the second subscriber listens before the daemon reconnects (this broker keeps nothing
        // for absent subscribers: a window sent before it subscribed was a gap here, not a loss).
        using var proxy = new TcpFaultProxy(broker.Port, ProxyMode.Forward);
        const string Device = "kiosk-diskfull";
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{Device}/#");
        var state = Path.Combine(mount.Path, "state");
        using var daemon = DaemonProcess.Start(Args(proxy.Port, Device, state, "--Mqtt:StatsIntervalSeconds=1"));
        await Wait.Until(() => recorder.Seqs("/emotions").Count >= 2, "windows before the disk fills", seen: () => daemon.Output);

        proxy.Mode = ProxyMode.Stall;
        broker.Stop(); // windows now have to wait, and the disk refuses them
        mount.Fill();
        await Wait.Until(() => daemon.Output.Contains("keeping emotions in memory", StringComparison.Ordinal), "the full disk to be named", seen: () => daemon.Output);
        await Wait.Until(() => daemon.Output.Contains("numbering goes on within the reservation", StringComparison.Ordinal), "the seq file's refusal to be named", seen: () => daemon.Output);
        Assert.False(daemon.HasExited, daemon.Output);

        broker.Start();
        await using var after = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{Device}/#");
        proxy.Mode = ProxyMode.Forward;
        await Wait.Until(() => after.On("/stats").Any(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("outbox_write_failures").GetInt64() > 0),
            "stats to report the refused writes", seen: () => daemon.Output);
        var whileFull = after.Seqs("/emotions").DefaultIfEmpty().Max();
        mount.Free();
        await Wait.Until(() => daemon.Output.Contains("works again", StringComparison.Ordinal), "writing to work again", seen: () => daemon.Output);
        await Wait.Until(() => after.Seqs("/emotions").DefaultIfEmpty().Max() >= whileFull + 2, "windows after the disk has room again");
        Assert.True(daemon.Terminate(DaemonProcess.UnitStopTimeout));
        Assert.Equal(0, daemon.ExitCode);
        await Wait.Until(() => recorder.Seqs("/emotions").Concat(after.Seqs("/emotions")).Distinct().Count() == recorder.Seqs("/emotions").Concat(after.Seqs("/emotions")).Max(), "every window to arrive",
            seen: () => $"{string.Join(",", recorder.Seqs("/emotions"))} | {string.Join(",", after.Seqs("/emotions"))}\n{daemon.Output}");
        AssertGapFree(recorder.Seqs("/emotions").Concat(after.Seqs("/emotions")));
        Assert.DoesNotContain("Exception", daemon.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_that_meets_the_contract_but_outputs_nan_is_refused_by_check_config()
    {
        using var dir = new TempDirectory();
        var g = new EdgeEmotion.OnnxGraph.GraphBuilder("nan");
        g.AddInput("input", "N", 1, 48, 48);
        var weights = new float[7 * 2304];
        Array.Fill(weights, float.NaN);
        var flat = g.Apply("Flatten", ["input"], EdgeEmotion.OnnxGraph.GraphBuilder.IntAttribute("axis", 1));
        var logits = g.Apply("Gemm", [flat, g.AddFloat("w", weights, 7, 2304), g.AddFloat("b", new float[7], 7)], EdgeEmotion.OnnxGraph.GraphBuilder.IntAttribute("transB", 1));
        g.AddNode("Softmax", [logits], ["probabilities"], EdgeEmotion.OnnxGraph.GraphBuilder.IntAttribute("axis", 1));
        g.AddOutput("probabilities", "N", 7);
        var model = dir.Combine("nan.onnx");
        g.Build("test").WriteToFile(model);

        var (exit, output) = ConfigCheck.Run($"--Model:Path={model}",
            $"--Source:Uri=images://{DemoPictures.Folder}", $"--StateDirectory={dir.Combine("state")}");
        Assert.Equal(2, exit);
        Assert.Contains($"{model}: outputs [NaN, NaN", output, StringComparison.Ordinal);
        Assert.Contains("not probabilities", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
