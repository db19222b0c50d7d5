namespace EdgeEmotion.Daemon.Tests;

/// <summary>The daemon process playing a source once, as fast as it can, into a broker with 1 s
/// windows; returns the recorder that saw everything it published, up to its <c>offline</c>.</summary>
public static class ClipPlayback
{
    /// <summary>A folder of frames at <paramref name="fps"/>.</summary>
    public static Task<MqttRecorder> PlayOnceAsync(int brokerPort, string folder, double fps, string device, params string[] extra) =>
        PlaySourceOnceAsync(brokerPort, $"images://{folder}?fps={fps}&loop=false&realtime=false", device, extra);

    /// <summary>Any <c>Source:Uri</c> that ends (a folder or a file, not looped, not in real time).</summary>
    public static async Task<MqttRecorder> PlaySourceOnceAsync(int brokerPort, string source, string device, params string[] extra)
    {
        using var state = new TempDirectory();
        var recorder = await MqttRecorder.StartAsync(brokerPort, $"edgeemotion/{device}/#");
        using var daemon = DaemonProcess.Start(
        [
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={brokerPort}", $"--DeviceId={device}", $"--StateDirectory={state.Path}",
            $"--Source:Uri={source}", "--Aggregation:WindowSeconds=1", .. extra,
        ]);
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(120)), daemon.Output);
        Assert.True(daemon.ExitCode == 0, daemon.Output);
        await recorder.WaitForAsync(m => m.Topic.EndsWith("/status", StringComparison.Ordinal) && m.Payload == "offline");
        return recorder;
    }
}
