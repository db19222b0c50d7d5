namespace EdgeEmotion.Daemon.Tests;

/// <summary>The daemon host in-process on the demo pictures with the shipped models, publishing to a
/// real mosquitto broker; a subscriber checks what arrives against the MQTT contract.</summary>
public sealed class EndToEndTests(SharedMosquitto broker)
{
    [Fact]
    public async Task Windows_arrive_on_schedule_match_the_contract_and_count_the_faces_in_the_pictures()
    {
        using var state = new TempDirectory();
        const string Device = "kiosk-e2e";
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{Device}/#");
        string[] args =
        [
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={broker.Port}", $"--DeviceId={Device}",
            // Every picture analysed in play order (no frame dropped however busy the machine is).
            $"--Source:Uri=images://{DemoPictures.Folder}?fps=7&realtime=false", "--Source:TargetFps=30",
            "--Aggregation:WindowSeconds=2", "--Mqtt:StatsIntervalSeconds=1", $"--StateDirectory={state.Path}",
        ];
        using (var host = DaemonHost.CreateBuilder(args, etcDirectory: null).Build())
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
            await recorder.WaitForAsync(m => m.Topic.EndsWith("/status", StringComparison.Ordinal) && m.Payload == "online");

            await using (var late = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{Device}/status"))
            {
                var retained = await late.WaitForAsync(_ => true);
                Assert.True(retained.Retained, "status must be retained");
                Assert.Equal("online", retained.Payload);
            }
            await Wait.Until(
                () => recorder.On("/emotions").Count >= 4 && recorder.On("/emotions").Sum(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("frames").GetInt64()) >= 40,
                "four windows and forty frames", TimeSpan.FromSeconds(120));
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
        await recorder.WaitForAsync(m => m.Topic.EndsWith("/status", StringComparison.Ordinal) && m.Payload == "offline");

        var windows = recorder.On("/emotions").Select(m => (m.At, Json: JsonDocument.Parse(m.Payload).RootElement)).ToList();
        Assert.True(windows.Count >= 4, $"expected at least 4 windows, got {windows.Count}");
        var seqs = windows.Select(w => w.Json.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(1, windows.Count).Select(i => (long)i), seqs);

        long frames = 0, faces = 0;
        for (var i = 0; i < windows.Count; i++)
        {
            var json = windows[i].Json;
            AssertContractShape(json, Device);
            frames += json.GetProperty("frames").GetInt64();
            faces += json.GetProperty("faces").GetInt64();
            if (i > 0 && i < windows.Count - 1)
            {
                // Full windows: 2 s long, back to back, each published once it has closed (an
                // order, not a delay: how soon depends on how busy the machine is).
                var start = DateTime.Parse(json.GetProperty("window_start").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
                var end = DateTime.Parse(json.GetProperty("window_end").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
                Assert.Equal(TimeSpan.FromSeconds(2), end - start);
                Assert.Equal(windows[i - 1].Json.GetProperty("window_end").GetString(), json.GetProperty("window_start").GetString());
                Assert.True(windows[i].At >= end, $"window {i} ending {end:O} arrived at {windows[i].At:O}, before it closed");
            }
        }

        // Every frame analysed, in play order: faces must be the people in those pictures.
        var people = DemoPictures.InPlayOrder;
        var expected = Enumerable.Range(0, (int)frames).Sum(i => people[i % people.Length]);
        var group1Frames = (frames + people.Length - 1) / people.Length;
        Assert.True(frames >= 40, $"only {frames} frames analysed");
        Assert.InRange(faces, expected - (3 * group1Frames), expected + (3 * group1Frames));

        var stats = recorder.On("/stats");
        Assert.NotEmpty(stats);
        await using (var late = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{Device}/stats"))
        {
            Assert.True((await late.WaitForAsync(_ => true)).Retained, "stats must be retained");
        }
        var lastStats = JsonDocument.Parse(stats[^1].Payload).RootElement;
        foreach (var key in new[] { "schema", "device", "uptime_s", "fps", "detect_ms_p50", "classify_ms_p50", "pending_windows", "version" })
        {
            Assert.True(lastStats.TryGetProperty(key, out _), $"stats lacks {key}");
        }
        Assert.Equal(0, lastStats.GetProperty("frames_dropped").GetInt64());
        Assert.Equal(EdgeEmotion.Core.Onnx.Int8KernelRule.Choose(EdgeEmotion.Core.Onnx.CpuFeatures.Current()).Name, lastStats.GetProperty("int8_kernels").GetString());
    }

    private static void AssertContractShape(JsonElement json, string device)
    {
        string[] keys = ["schema", "device", "seq", "window_start", "window_end", "frames", "faces", "counts", "mean_probabilities", "visitors", "model"];
        Assert.Equal(keys, json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, json.GetProperty("schema").GetInt32());
        Assert.Equal(device, json.GetProperty("device").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", json.GetProperty("window_start").GetString()!);
        Assert.Equal(EmotionLabels.Names, json.GetProperty("counts").EnumerateObject().Select(p => p.Name));
        Assert.Equal(EmotionLabels.Names, json.GetProperty("mean_probabilities").EnumerateObject().Select(p => p.Name));
        Assert.Equal(json.GetProperty("faces").GetInt64(), json.GetProperty("counts").EnumerateObject().Sum(p => p.Value.GetInt64()));
        var meanSum = json.GetProperty("mean_probabilities").EnumerateObject().Sum(p => p.Value.GetDouble());
        Assert.InRange(meanSum, json.GetProperty("faces").GetInt64() == 0 ? 0 : 0.99, json.GetProperty("faces").GetInt64() == 0 ? 0 : 1.01);
        Assert.Equal(64, json.GetProperty("model").GetProperty("sha256").GetString()!.Length);
    }
}
