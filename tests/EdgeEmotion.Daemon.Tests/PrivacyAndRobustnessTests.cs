using EdgeEmotion.Core.IO;
using EdgeEmotion.Daemon.Publishing.Durable;

namespace EdgeEmotion.Daemon.Tests;

public sealed class PrivacyAndRobustnessTests(SharedMosquitto broker)
{
    private static bool LooksLikeImage(byte[] bytes) =>
        (bytes.Length > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8) || (bytes.Length > 4 && bytes[0] == 0x89 && bytes[1] == (byte)'P')
        || bytes.Length > 64 * 1024;

    [Fact]
    public async Task No_image_byte_is_written_to_disk_logged_or_published()
    {
        using var dir = new TempDirectory();
        var home = dir.Combine("home");
        var work = dir.Combine("work");
        var state = dir.Combine("state");
        var tmp = dir.Combine("tmp");
        foreach (var d in new[] { home, work, state, tmp })
        {
            Directory.CreateDirectory(d);
        }
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, "edgeemotion/kiosk-private/#");
        using (var daemon = DaemonProcess.Start(
            [$"--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={broker.Port}", "--DeviceId=kiosk-private", $"--StateDirectory={state}",
             $"--Source:Uri=images://{DemoPictures.Folder}?fps=5", "--Aggregation:WindowSeconds=1", "--Mqtt:StatsIntervalSeconds=1"],
            new Dictionary<string, string> { ["HOME"] = home, ["TMPDIR"] = tmp },
            work))
        {
            // Long enough to have written and published what it writes: several windows with faces
            // (1 s each), stats, and a seq store that has been updated more than once.
            await Wait.Until(() => recorder.On("/emotions").Count(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("faces").GetInt64() > 0) >= 3
                && recorder.On("/stats").Count >= 2, "three windows with faces and two stats");
            daemon.Kill();
            Assert.DoesNotContain("ÿØÿ", daemon.Output); // no JPEG bytes in the log
            Assert.True(daemon.Output.Length < 200_000);
        }

        // What the daemon wrote: the seq counters (reservation and last used), its lock and (maybe) outbox windows and visits, nothing else.
        // A kill during a seq counter's write leaves its temporary file (DurableFile writes seq.tmp, then
        // renames it): a number, checked for image bytes like the rest.
        // The .NET runtime's diagnostic pipe and socket (in TMPDIR, no file content) are not the daemon's.
        var written = Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith("clr-debug-pipe-", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith("dotnet-diagnostic-", StringComparison.Ordinal));
        Assert.All(written, f =>
        {
            var relative = Path.GetRelativePath(dir.Path, f);
            string[] counters = ["seq", "visits-seq", "seq" + SeqStore.UsedSuffix, "visits-seq" + SeqStore.UsedSuffix];
            string[] expected = ["lock", .. counters, .. counters.Select(c => c + DurableFile.TemporarySuffix)];
            Assert.True(expected.Any(e => relative == Path.Combine("state", e))
                || relative.StartsWith(Path.Combine("state", "outbox") + "/", StringComparison.Ordinal)
                || relative.StartsWith(Path.Combine("state", "visits-outbox") + "/", StringComparison.Ordinal), $"unexpected file {relative}");
            Assert.False(LooksLikeImage(File.ReadAllBytes(f)), $"{relative} looks like an image");
        });

        // What it published: small JSON documents and status words only.
        Assert.NotEmpty(recorder.Messages);
        Assert.All(recorder.Messages, m =>
        {
            Assert.True(m.Payload.Length < 2048, $"{m.Topic}: {m.Payload.Length} bytes");
            if (!m.Topic.EndsWith("/status", StringComparison.Ordinal))
            {
                Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(m.Payload).RootElement.ValueKind);
            }
        });
    }

    [Fact]
    public async Task Malformed_frames_are_skipped_and_counted()
    {
        using var dir = new TempDirectory();
        var pictures = dir.Combine("frames");
        Directory.CreateDirectory(pictures);
        File.Copy(Path.Combine(DemoPictures.Folder, "group-20.jpg"), Path.Combine(pictures, "a.jpg"));
        var jpeg = File.ReadAllBytes(Path.Combine(DemoPictures.Folder, "group-2.jpg"));
        File.WriteAllBytes(Path.Combine(pictures, "b-truncated.jpg"), jpeg[..200]);
        File.WriteAllBytes(Path.Combine(pictures, "c-empty.jpg"), []);
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, "edgeemotion/kiosk-malformed/#");
        string[] args =
        [
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={broker.Port}", "--DeviceId=kiosk-malformed", $"--StateDirectory={dir.Combine("state")}",
            $"--Source:Uri=images://{pictures}?fps=9", "--Aggregation:WindowSeconds=1", "--Mqtt:StatsIntervalSeconds=1",
        ];
        using var host = DaemonHost.CreateBuilder(args, etcDirectory: null).Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        long Faces() => recorder.On("/emotions").Sum(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("faces").GetInt64());
        // Each picture shown at least twice: the bad ones counted, the good one still analysed.
        await Wait.Until(() => recorder.On("/stats").Any(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("frames_malformed").GetInt64() >= 4) && Faces() >= 50,
            "four malformed frames counted and fifty faces found", seen: () => $"{Faces()} faces; stats {recorder.On("/stats").LastOrDefault()?.Payload}");
        await host.StopAsync(TestContext.Current.CancellationToken);

        var stats = JsonDocument.Parse(recorder.On("/stats")[^1].Payload).RootElement;
        Assert.True(stats.GetProperty("frames_malformed").GetInt64() >= 4);
        Assert.Equal(0, stats.GetProperty("source_failures").GetInt64());
        var faces = Faces();
        Assert.True(faces >= 50, $"{faces} faces: the good frames must still be analysed");
    }
}
