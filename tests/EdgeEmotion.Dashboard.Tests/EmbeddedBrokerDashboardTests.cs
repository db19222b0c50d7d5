namespace EdgeEmotion.Dashboard.Tests;

/// <summary>
/// The daemon with <c>Dashboard:Urls</c> and its embedded broker, playing the demo pictures: the
/// page it serves, in headless Chromium, over MQTT over WebSockets on the same port. A subscriber
/// on the broker's TCP port records what the daemon published, to compare with what the page shows.
/// </summary>
public sealed class EmbeddedBrokerDashboardTests
{
    private const string Device = "demo-kiosk";

    private sealed class Run : IAsyncDisposable
    {
        private readonly TempDirectory _state = new();

        public Run(params string[] extra)
        {
            HttpPort = LoopbackPort.Free();
            MqttPort = LoopbackPort.Free();
            Daemon = DaemonProcess.Start(
            [
                $"--Source:Uri=images://{DemoPictures.Folder}?fps=5&realtime=false", $"--Mqtt:Port={MqttPort}", $"--Dashboard:Urls=http://127.0.0.1:{HttpPort}",
                $"--DeviceId={Device}", $"--StateDirectory={_state.Path}", "--Aggregation:WindowSeconds=1", "--Mqtt:StatsIntervalSeconds=1", .. extra,
            ]);
        }

        public int HttpPort { get; }

        public int MqttPort { get; }

        public DaemonProcess Daemon { get; }

        public string Url => $"http://127.0.0.1:{HttpPort}/";

        public async Task<MqttRecorder> StartedAsync(string filter)
        {
            Assert.True(await Daemon.WaitForOutputAsync(o => o.Contains("Connected to MQTT broker", StringComparison.Ordinal), TimeSpan.FromSeconds(180)), Daemon.Output);
            return await MqttRecorder.StartAsync(MqttPort, filter);
        }

        public ValueTask DisposeAsync()
        {
            Daemon.Dispose();
            _state.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task The_served_page_shows_the_device_online_its_windows_visits_and_faces_then_offline_after_the_daemon_stops()
    {
        await using var run = new Run("--Mqtt:PublishFaces=true");
        await using var recorder = await run.StartedAsync($"edgeemotion/{Device}/#");
        using var browser = HeadlessChromium.Start();
        var page = new DashboardPage(browser);
        page.Open(run.Url);

        await page.Until(p => p.CardStatus(Device) == "online", "the fleet card showing the device online");
        await page.Until(p => p.CardWindows(Device) >= 3 && p.CardLastWindow(Device)?.FaceFrames > 0, "three windows, the last with faces");
        // What the card shows is the window the daemon published under that seq.
        var (seq, present, faceFrames) = page.CardLastWindow(Device)!.Value;
        var published = recorder.On("/emotions").Select(m => JsonDocument.Parse(m.Payload).RootElement).Single(w => w.GetProperty("seq").GetInt64() == seq);
        Assert.Equal(published.GetProperty("visitors").GetProperty("present").GetInt32(), present);
        Assert.Equal(published.GetProperty("faces").GetInt32(), faceFrames);
        page.Screenshot("fleet-embedded-broker");

        page.ShowDevice(Device);
        await page.Until(p => p.ChartPoints >= 3, "the last-hour chart with three windows");
        await page.Until(p => p.FaceBoxes > 0, "live face boxes");
        await page.Until(p => p.VisitRows.Count > 0, "a visit in the latest visits");
        var visit = JsonDocument.Parse(recorder.On("/visits")[0].Payload).RootElement;
        // A person followed by body whose face was never classified has no emotion (the person stage).
        Assert.Contains(page.VisitRows, row => row.EndsWith(visit.GetProperty("emotion").GetString() ?? "no face", StringComparison.Ordinal));
        page.Screenshot("device-embedded-broker");
        browser.Resize(390, 844);
        await page.Until(p => p.FaceBoxes > 0, "live face boxes on a phone-sized window");
        page.Screenshot("device-phone");
        browser.Resize(1280, 1200);

        Assert.True(run.Daemon.Terminate(TimeSpan.FromSeconds(60)), run.Daemon.Output);
        await page.Until(p => p.DeviceStatus == "offline", "the device shown offline after the daemon stopped");
        page.ShowFleet();
        await page.Until(p => p.CardStatus(Device) == "offline", "the fleet card offline");
        page.Screenshot("fleet-offline");
    }

    [Fact]
    public async Task A_page_of_another_site_cannot_open_the_daemons_websocket()
    {
        await using var run = new Run();
        await using var recorder = await run.StartedAsync($"edgeemotion/{Device}/status");
        async Task<System.Net.WebSockets.WebSocketState> ConnectFrom(string origin)
        {
            using var socket = new System.Net.WebSockets.ClientWebSocket();
            socket.Options.AddSubProtocol("mqtt");
            socket.Options.SetRequestHeader("Origin", origin);
            try
            {
                await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{run.HttpPort}/mqtt"), TestContext.Current.CancellationToken);
            }
            catch (System.Net.WebSockets.WebSocketException)
            {
                // refused during the handshake
            }
            return socket.State;
        }
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, await ConnectFrom($"http://127.0.0.1:{run.HttpPort}"));
        Assert.NotEqual(System.Net.WebSockets.WebSocketState.Open, await ConnectFrom("http://evil.example"));
    }

    /// <summary>DNS rebinding: a site points its own name at the device, so its page is "same
    /// origin" with the dashboard (Origin and Host agree), but names its own host.</summary>
    [Fact]
    public async Task A_page_or_websocket_asked_for_under_another_host_name_is_refused()
    {
        await using var run = new Run();
        await using var recorder = await run.StartedAsync($"edgeemotion/{Device}/status");
        var bound = $"127.0.0.1:{run.HttpPort}";
        var rebound = $"evil.example:{run.HttpPort}";

        Assert.Equal(101, await StatusAsync(run.HttpPort, "/mqtt", bound, $"http://{bound}", webSocket: true));
        Assert.Equal(200, await StatusAsync(run.HttpPort, "/", bound, null, webSocket: false));
        Assert.Equal(200, await StatusAsync(run.HttpPort, "/", $"localhost:{run.HttpPort}", null, webSocket: false));
        Assert.NotEqual(101, await StatusAsync(run.HttpPort, "/mqtt", rebound, $"http://{rebound}", webSocket: true));
        Assert.NotEqual(200, await StatusAsync(run.HttpPort, "/", rebound, null, webSocket: false));
        Assert.NotEqual(200, await StatusAsync(run.HttpPort, "/app.js", rebound, null, webSocket: false));
    }

    [Fact]
    public async Task The_page_comes_with_a_content_security_policy_and_may_not_be_framed_or_sniffed()
    {
        await using var run = new Run();
        await using var recorder = await run.StartedAsync($"edgeemotion/{Device}/status");
        using var http = new HttpClient();
        foreach (var file in new[] { "", "app.js", "app.css" })
        {
            using var response = await http.GetAsync(run.Url + file, TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }
    }

    /// <summary>The status code of a request written by hand, so that Host can be any name.</summary>
    private static async Task<int> StatusAsync(int port, string path, string host, string? origin, bool webSocket)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(System.Net.IPAddress.Loopback, port, TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        var request = $"GET {path} HTTP/1.1\r\nHost: {host}\r\n"
            + (origin is null ? "" : $"Origin: {origin}\r\n")
            + (webSocket ? "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: mqtt\r\n" : "Connection: close\r\n")
            + "\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync(TestContext.Current.CancellationToken) ?? "";
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_browser_cannot_publish_to_the_device_topics_through_the_daemon_websocket()
    {
        await using var run = new Run();
        await using var recorder = await run.StartedAsync($"edgeemotion/{Device}/emotions");
        using var browser = HeadlessChromium.Start();
        var page = new DashboardPage(browser);
        page.Open(run.Url);
        await page.Until(p => p.CardWindows(Device) >= 1, "a window on the page");

        // A window as the daemon would write it, under a seq the daemon will not reach in this test.
        var forged = """{"schema":1,"device":"demo-kiosk","seq":999999,"window_start":"2026-11-25T10:00:00Z","window_end":"2026-11-25T10:00:01Z","frames":5,"faces":1,"counts":{"angry":1,"disgust":0,"fear":0,"happy":0,"sad":0,"surprise":0,"neutral":0},"mean_probabilities":{"angry":1,"disgust":0,"fear":0,"happy":0,"sad":0,"surprise":0,"neutral":0},"model":{"name":"forged","sha256":"0"}}""";
        var answer = (string?)browser.WebDriver.ExecuteAsyncScript("""
            const [topic, payload, done] = arguments;
            const c = window.edgeEmotion.mqtt.connect(window.edgeEmotion.settings.broker, { protocolVersion: 5, clientId: 'forger-' + Date.now(), reconnectPeriod: 0 });
            c.on('error', (e) => done('error: ' + e.message));
            c.on('connect', () => c.publish(topic, payload, { qos: 1 }, (err, packet) => {
              done(err ? 'refused: ' + err.message + ' (' + err.code + ')' : 'accepted: ' + (packet && packet.reasonCode));
              c.end(true);
            }));
            """, $"edgeemotion/{Device}/emotions", forged);
        Assert.StartsWith("refused: ", answer ?? "");
        Assert.Contains("135", answer); // MQTT 5 reason code 0x87, not authorized

        // The daemon's later windows still arrive; the forged one never did.
        var afterAttempt = recorder.Messages.Count;
        await Wait.Until(() => recorder.Messages.Count >= afterAttempt + 3, "three more of the daemon's windows");
        Assert.DoesNotContain(recorder.Messages, m => m.Payload.Contains("forged", StringComparison.Ordinal));
        await page.Until(p => p.CardLastSeq(Device) > 2, "the page following the daemon's windows");
        Assert.NotEqual(999999, page.CardLastSeq(Device));
    }
}
