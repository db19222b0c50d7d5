namespace EdgeEmotion.Daemon.Tests;

public sealed class SourceRecoveryTests(SharedMosquitto broker)
{
    [Fact]
    public async Task A_source_that_disappears_and_returns_resumes_without_restart()
    {
        using var dir = new TempDirectory();
        var pictures = dir.Combine("camera");
        Directory.CreateDirectory(pictures);
        foreach (var f in Directory.GetFiles(DemoPictures.Folder, "*.jpg"))
        {
            File.Copy(f, Path.Combine(pictures, Path.GetFileName(f)));
        }
        const string Device = "kiosk-camera";
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{Device}/#");
        string[] args =
        [
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={broker.Port}", $"--DeviceId={Device}", $"--StateDirectory={dir.Combine("state")}",
            $"--Source:Uri=images://{pictures}?fps=5", "--Source:RetrySeconds=0.5", "--Aggregation:WindowSeconds=1",
            "--Mqtt:StatsIntervalSeconds=1", "--Detector:InputWidth=320",
        ];
        using var host = DaemonHost.CreateBuilder(args, etcDirectory: null).Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        await Wait.Until(() => Windows(recorder).Any(w => w.Frames > 0), "a window with frames from the camera folder");

        Directory.Move(pictures, pictures + "-unplugged");
        var gone = DateTime.UtcNow;
        await Wait.Until(() => Stats(recorder).Any(s => s.At > gone && s.State == "retrying"), "stats saying the source is retrying",
            seen: () => string.Join(", ", Stats(recorder).Select(s => s.State)));
        Directory.Move(pictures + "-unplugged", pictures);
        var back = DateTime.UtcNow;
        // Recovered: stats say running again after a counted failure, and a window that began
        // after the pictures returned has frames (so they are not frames from before the outage).
        await Wait.Until(() => Stats(recorder).Any(s => s.At > back && s.State == "running" && s.Failures >= 1), "stats saying the source runs again after a failure",
            seen: () => string.Join(", ", Stats(recorder).Select(s => $"{s.State}/{s.Failures}")));
        await Wait.Until(() => Windows(recorder).Any(w => w.Start >= back && w.Frames > 0), "a window that began after the source returned to analyse frames");
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static List<(DateTime At, string? State, long Failures)> Stats(MqttRecorder recorder) =>
        [.. recorder.On("/stats").Select(m => (m.At, Json: JsonDocument.Parse(m.Payload).RootElement))
            .Select(s => (s.At, s.Json.GetProperty("source_state").GetString(), s.Json.GetProperty("source_failures").GetInt64()))];

    private static List<(DateTime Start, long Frames)> Windows(MqttRecorder recorder) =>
        [.. recorder.On("/emotions").Select(m => JsonDocument.Parse(m.Payload).RootElement)
            .Select(w => (DateTime.Parse(w.GetProperty("window_start").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal), w.GetProperty("frames").GetInt64()))];
}
