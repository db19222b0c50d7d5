namespace EdgeEmotion.Daemon.Tests;

/// <summary>The built daemon as a child process, killed with SIGKILL: the broker publishes its
/// last will, a retained <c>offline</c>.</summary>
public sealed class LastWillTests(SharedMosquitto broker)
{
    [Fact]
    public async Task A_killed_daemon_is_reported_offline_by_its_last_will()
    {
        using var state = new TempDirectory();
        const string Device = "kiosk-killed";
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{Device}/status");
        using var daemon = DaemonProcess.Start(
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={broker.Port}", $"--DeviceId={Device}",
            $"--Source:Uri=images://{DemoPictures.Folder}?fps=2", $"--StateDirectory={state.Path}");
        await recorder.WaitForAsync(m => m.Payload == "online", TimeSpan.FromSeconds(30));

        daemon.Kill();
        await recorder.WaitForAsync(m => m.Payload == "offline");

        await using var late = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{Device}/status");
        var retained = await late.WaitForAsync(_ => true);
        Assert.True(retained.Retained);
        Assert.Equal("offline", retained.Payload);
    }
}
