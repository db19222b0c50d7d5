namespace EdgeEmotion.Daemon.Tests;

/// <summary>A broker that goes away, and a daemon killed while it is away: no window is lost and
/// windows arrive in <c>seq</c> order.</summary>
public sealed class ReliabilityTests
{
    private static string[] Args(int port, string device, string state) =>
    [
        "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={port}", $"--DeviceId={device}", "--Mqtt:MaxReconnectSeconds=1",
        $"--Source:Uri=images://{DemoPictures.Folder}?fps=4", "--Aggregation:WindowSeconds=1", $"--StateDirectory={state}",
        "--Detector:InputWidth=320", "--Mqtt:LogMessages=false",
    ];

    [Fact]
    public async Task Windows_closed_while_the_broker_is_down_arrive_in_order_after_it_returns()
    {
        using var broker = new MosquittoBroker();
        // The daemon reaches the broker through a proxy that holds its connections while the broker
        // restarts, so that the subscriber below is listening before the daemon can reconnect
        // (it reconnects within a second, and mosquitto here keeps nothing for absent subscribers).
        using var proxy = new TcpFaultProxy(broker.Port, ProxyMode.Forward);
        using var state = new TempDirectory();
        const string Device = "kiosk-outage";
        var before = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{Device}/emotions");
        using var host = DaemonHost.CreateBuilder([.. Args(proxy.Port, Device, state.Path), "--Mqtt:TimeoutSeconds=1"], etcDirectory: null).Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        await before.WaitForAsync(_ => true);

        proxy.Mode = ProxyMode.Stall;
        broker.Stop();
        await Wait.Until(() => Directory.GetFiles(Path.Combine(state.Path, "outbox"), "*.json").Length >= 3, "windows to wait in the outbox");
        broker.Start();
        await using var after = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{Device}/emotions");
        proxy.Mode = ProxyMode.Forward;
        await Wait.Until(() => after.Seqs("/emotions").Count >= 7, "the kept windows and new ones after the outage", seen: () => string.Join(",", after.Seqs("/emotions")));
        await host.StopAsync(TestContext.Current.CancellationToken);
        await Wait.Until(() => Directory.GetFiles(Path.Combine(state.Path, "outbox")).Length == 0, "the outbox to empty");

        var first = before.Seqs("/emotions");
        var second = after.Seqs("/emotions");
        await before.DisposeAsync();
        Assert.Equal(second.Order(), second); // in seq order
        var all = first.Concat(second).Distinct().Order().ToList();
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all); // no gap
    }

    [Fact]
    public async Task A_daemon_killed_while_the_broker_is_down_sends_its_windows_after_restart()
    {
        using var broker = new MosquittoBroker();
        using var state = new TempDirectory();
        const string Device = "kiosk-crash";
        var before = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{Device}/emotions");
        var daemon = DaemonProcess.Start(Args(broker.Port, Device, state.Path));
        await before.WaitForAsync(_ => true, TimeSpan.FromSeconds(30));
        broker.Stop();
        var outbox = Path.Combine(state.Path, "outbox");
        await Wait.Until(() => Directory.Exists(outbox) && Directory.GetFiles(outbox, "*.json").Length >= 2, "windows to wait in the outbox");
        daemon.Kill(); // SIGKILL: no shutdown flush, no goodbye.
        daemon.Dispose();
        var kept = Directory.GetFiles(Path.Combine(state.Path, "outbox"), "*.json").Length;
        Assert.True(kept >= 2, $"{kept} windows in the outbox");

        broker.Start();
        await using var after = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{Device}/#");
        using (DaemonProcess.Start(Args(broker.Port, Device, state.Path)))
        {
            await Wait.Until(() => after.Seqs("/emotions").Count >= kept + 2 && after.On("/stats").Count >= 1, "the kept windows, a new one and stats");
        }
        var first = before.Seqs("/emotions");
        var second = after.Seqs("/emotions");
        await before.DisposeAsync();
        Assert.Equal(second.Order(), second);
        // The numbers the killed daemon had reserved but not used are skipped, and declared.
        var gaps = DeclaredGaps.Of(after, "seq_skipped");
        Assert.Single(gaps);
        DeclaredGaps.AssertNoneLost(first.Concat(second), gaps);
    }
}
