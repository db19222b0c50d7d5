namespace EdgeEmotion.Dashboard.Tests;

/// <summary>
/// A real broker as the README sets it up (mosquitto with a WebSocket listener) and the page as a
/// plain file, opened before the device starts: the daemon plays the smiling man's clip
/// (<c>../shared/data/clips</c>, one visit) once, with live faces on, and stops.
/// </summary>
public sealed class MosquittoDashboardTests(WebSocketMosquitto broker) : IClassFixture<WebSocketMosquitto>
{
    private const string Device = "clip-kiosk";

    private static string Clip => Path.Combine(RepoPaths.Shared, "data", "clips", "head-pose-face-detection-male");

    [Fact]
    public async Task The_page_on_mosquitto_websockets_shows_the_clip_windows_faces_and_visit_then_offline()
    {
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{Device}/#");
        using var browser = HeadlessChromium.Start();
        var page = new DashboardPage(browser);
        page.Open(DashboardPage.FileUrl($"?broker={broker.WebSocketUrl}&prefix=edgeemotion#/device/{Device}"));
        await page.Until(p => p.Connection == "connected", "the page connected to mosquitto's WebSocket listener");

        using var state = new TempDirectory();
        var httpPort = LoopbackPort.Free();
        using var daemon = DaemonProcess.Start(
        [
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={broker.Port}", $"--DeviceId={Device}", $"--StateDirectory={state.Path}",
            $"--Source:Uri=images://{Clip}?fps=12&loop=false", "--Aggregation:WindowSeconds=1", "--Mqtt:StatsIntervalSeconds=1",
            "--Mqtt:PublishFaces=true", $"--Dashboard:Urls=http://127.0.0.1:{httpPort}",
        ]);

        await page.Until(p => p.DeviceStatus == "online", "the device online");
        await page.Until(p => p.FaceBoxes > 0, "the smiling man's face box");
        page.Screenshot("device-faces-mosquitto");
        await page.Until(p => p.ChartPoints >= 3, "three windows in the chart");

        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(240)), daemon.Output);
        await page.Until(p => p.VisitRows.Count == 1, "the man's visit");
        var visit = JsonDocument.Parse(Assert.Single(recorder.On("/visits")).Payload).RootElement;
        Assert.Equal($"{visit.GetProperty("dwell_s").GetDouble():0.0} s", page.VisitRows[0].Split(' ')[1] + " s");
        Assert.EndsWith("happy", page.VisitRows[0], StringComparison.Ordinal);
        await page.Until(p => p.DeviceStatus == "offline", "the device offline after the clip ended");
        Assert.Equal(0, page.FaceBoxes); // no boxes of a device that is gone
        Assert.Equal(recorder.On("/emotions").Count, page.ChartPoints);
        page.Screenshot("device-mosquitto-visit-offline");

        page.ShowFleet();
        await page.Until(p => p.CardStatus(Device) == "offline", "the fleet card offline");
        page.Screenshot("fleet-mosquitto");
    }
}
