using System.Globalization;
using System.Text.RegularExpressions;
using EdgeEmotion.Daemon.Publishing.Durable;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>
/// The daemon process on a state directory whose tmpfs fills up (as a kiosk's SD card does), with
/// a real mosquitto: a seq number is never used for two messages, whatever the disk does, a gap
/// that cannot be avoided is declared in stats, and a stop says exactly what stays on disk and
/// what is lost.
/// </summary>
public sealed partial class FullDiskSeqTests
{
    private static string[] Args(int port, string device, string state, params string[] more) =>
    [
        "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={port}", $"--DeviceId={device}", "--Mqtt:MaxReconnectSeconds=1", "--Mqtt:TimeoutSeconds=1",
        $"--Source:Uri=images://{DemoPictures.Folder}?fps=4", "--Aggregation:WindowSeconds=1", $"--StateDirectory={state}",
        "--Detector:InputWidth=320", "--Mqtt:StatsIntervalSeconds=1", .. more,
    ];

    private static JsonElement Json(MqttRecorder.Received m) => JsonDocument.Parse(m.Payload).RootElement;

    private static TmpfsMount MountOrSkip(TempDirectory scratch, int megabytes)
    {
        var mount = TmpfsMount.TryMount(scratch.Combine("tmpfs"), megabytes, out var refused);
        if (mount is null)
        {
            Assert.Skip($"Mounting a tmpfs needs root (mount -t tmpfs); this machine refused it: {refused}");
        }
        return mount;
    }

    [Fact]
    public async Task A_full_disk_then_a_restart_never_uses_a_seq_twice_and_declares_the_gap()
    {
        using var scratch = new TempDirectory();
        using var mount = MountOrSkip(scratch, megabytes: 4);
        using var broker = new MosquittoBroker();
        const string Device = "kiosk-seqfull";
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{Device}/#");
        var state = Path.Combine(mount.Path, "state");
        using (var daemon = DaemonProcess.Start(Args(broker.Port, Device, state)))
        {
            await Wait.Until(() => recorder.On("/emotions").Count >= 3 && recorder.On("/stats").Count >= 1, "windows and stats before the disk fills", seen: () => daemon.Output);
            mount.Fill();
            var filledAt = recorder.On("/stats").Select(m => Json(m).GetProperty("uptime_s").GetDouble()).Max();
            // Longer than a reservation lasts at one window a second; the disk is kept full
            // (acknowledged outbox files free space).
            await Wait.Until(() =>
            {
                mount.Fill();
                return recorder.On("/stats").Any(m => Json(m).GetProperty("uptime_s").GetDouble() >= filledAt + SeqStore.Block + 4);
            }, "the daemon to run on the full disk", TimeSpan.FromSeconds(90), () => daemon.Output);
            Assert.True(daemon.Terminate(DaemonProcess.UnitStopTimeout));
            Assert.Equal(0, daemon.ExitCode);
        }
        var firstRun = recorder.Messages.Count;
        mount.Free();
        using (var daemon = DaemonProcess.Start(Args(broker.Port, Device, state)))
        {
            await Wait.Until(() => recorder.Messages.Skip(firstRun).Count(m => m.Topic.EndsWith("/emotions", StringComparison.Ordinal)) >= 3,
                "windows after the restart", seen: () => daemon.Output);
            await Wait.Until(() => recorder.Messages.Skip(firstRun).Any(m => m.Topic.EndsWith("/stats", StringComparison.Ordinal)), "stats after the restart");
            Assert.True(daemon.Terminate(DaemonProcess.UnitStopTimeout));
        }

        // Never one seq for two windows (a subscriber dropping duplicates by seq would lose one).
        var windows = recorder.On("/emotions").Select(Json).ToList();
        var reused = windows.GroupBy(w => w.GetProperty("seq").GetInt64())
            .Where(g => g.Select(w => w.GetProperty("window_start").GetString()).Distinct().Count() > 1).Select(g => g.Key).ToList();
        Assert.True(reused.Count == 0, $"seq used for two different windows: {string.Join(", ", reused)}");

        // Every seq up to the last arrived or lies in the gap the restarted daemon declared.
        var stats = recorder.Messages.Skip(firstRun).Where(m => m.Topic.EndsWith("/stats", StringComparison.Ordinal)).Select(Json).ToList();
        var declared = stats.Select(s => s.GetProperty("seq_skipped")).Where(g => g.ValueKind == JsonValueKind.Object)
            .Select(g => new SeqRange(g.GetProperty("from").GetInt64(), g.GetProperty("to").GetInt64())).Distinct().ToList();
        Assert.Single(declared);
        Assert.All(stats, s => Assert.True(s.TryGetProperty("visits_seq_skipped", out _)));
        var seqs = windows.Select(w => w.GetProperty("seq").GetInt64()).ToHashSet();
        var unaccounted = Enumerable.Range(1, (int)seqs.Max()).Select(i => (long)i)
            .Where(s => !seqs.Contains(s) && !(s >= declared[0].From && s <= declared[0].To)).ToList();
        Assert.True(unaccounted.Count == 0, $"seq neither arrived nor declared skipped: {string.Join(", ", unaccounted)}");
        Assert.Contains(windows, w => w.GetProperty("seq").GetInt64() > declared[0].To);
    }

    [Fact]
    public async Task A_stop_on_a_full_disk_says_exactly_what_stays_on_disk_and_what_is_lost()
    {
        using var scratch = new TempDirectory();
        using var mount = MountOrSkip(scratch, megabytes: 1);
        var state = Path.Combine(mount.Path, "state");
        var unreachable = LoopbackPort.Free();
        using var daemon = DaemonProcess.Start(Args(unreachable, "kiosk-stopfull", state));
        await Wait.Until(() => Directory.Exists(Path.Combine(state, "outbox")) && Directory.GetFiles(Path.Combine(state, "outbox"), "*.json").Length >= 3,
            "windows to wait on disk", seen: () => daemon.Output);
        mount.Fill();
        // Numbered windows now live in memory until the reservation is used up; later ones wait for a number.
        await Wait.Until(() => daemon.Output.Contains("keeping emotions in memory", StringComparison.Ordinal), "windows kept in memory", seen: () => daemon.Output);
        var windowsSeq = Path.Combine(state, "seq");
        await Wait.Until(() => daemon.Output.Contains($"Cannot reserve seq numbers in {windowsSeq} (", StringComparison.Ordinal), "window numbering to stop", TimeSpan.FromSeconds(90), () => daemon.Output);
        Assert.True(daemon.Terminate(DaemonProcess.UnitStopTimeout));
        Assert.Equal(0, daemon.ExitCode);

        var onDisk = Directory.GetFiles(Path.Combine(state, "outbox"), "*.json").Select(f => long.Parse(Path.GetFileNameWithoutExtension(f), CultureInfo.InvariantCulture)).ToList();
        var visitsOnDisk = Directory.Exists(Path.Combine(state, "visits-outbox")) ? Directory.GetFiles(Path.Combine(state, "visits-outbox"), "*.json").Length : 0;
        var said = StayOnDisk().Match(daemon.Output);
        Assert.True(said.Success, daemon.Output);
        Assert.Equal(onDisk.Count + visitsOnDisk, int.Parse(said.Groups[1].Value, CultureInfo.InvariantCulture));

        // The rest is named as lost, at error level: the numbered windows right after those on disk, and those without a number.
        var lost = Lost().Match(daemon.Output);
        Assert.True(lost.Success, daemon.Output);
        var inMemory = InMemory().Match(lost.Groups[2].Value);
        Assert.True(inMemory.Success, lost.Value);
        var (from, to, count) = (long.Parse(inMemory.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(inMemory.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(inMemory.Groups[3].Value, CultureInfo.InvariantCulture));
        Assert.Equal(onDisk.Max() + 1, from);
        Assert.Equal(to - from + 1, count);
        Assert.Matches(Unnumbered(), lost.Groups[2].Value);
        var parts = Counted().Matches(lost.Groups[2].Value).Sum(m => int.Parse(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.Equal(parts, int.Parse(lost.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Messages_closed_after_the_reservation_ran_out_wait_unnumbered_bounded_and_are_numbered_in_order_once_the_disk_has_room()
    {
        using var scratch = new TempDirectory();
        using var mount = MountOrSkip(scratch, megabytes: 1);
        const int MaxEntries = 40;
        using var streams = new MessageStreams(Path.Combine(mount.Path, "state"), MaxEntries, 1 << 20, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        // The window's number in the order closed stands in its window_start.
        static Func<long, byte[]> Window(int closed) => seq => System.Text.Encoding.UTF8.GetBytes(
            $$$"""{"schema":1,"device":"d","seq":{{{seq}}},"window_start":"{{{closed}}}","window_end":"x","frames":1,"faces":0,"counts":{},"mean_probabilities":{}}""");
        Assert.Equal(1, streams.Windows.Enqueue(Window(0)));
        const int Closed = MaxEntries + SeqStore.Block;
        for (var closed = 1; closed <= Closed; closed++)
        {
            mount.Fill(); // again each time: a rename over a file frees its page
            streams.Windows.Enqueue(Window(closed));
        }
        // Only what the durable reservation covers got a number (held in memory, in order); the rest
        // waits unnumbered, at most the bound.
        var numbered = streams.Windows.Outbox.Count - 1;
        Assert.InRange(numbered, SeqStore.Block / 2, SeqStore.Block);
        Assert.Equal(Enumerable.Range(2, numbered).Select(i => (long)i), streams.Windows.Outbox.InMemorySeqs);
        Assert.Equal(MaxEntries, streams.Windows.Unnumbered);
        Assert.Equal(SeqStore.Block - numbered, streams.Windows.DroppedUnnumbered);

        mount.Free();
        streams.Windows.NumberWaiting();
        Assert.Equal(0, streams.Windows.Unnumbered);
        var queued = new List<(long Seq, string Start)>();
        while (streams.Windows.Outbox.Peek() is { } message)
        {
            queued.Add((message.Seq, JsonDocument.Parse(message.Payload).RootElement.GetProperty("window_start").GetString()!));
            streams.Windows.Outbox.Remove(message.Seq);
        }
        // Gap-free numbers, each window once, in the order closed (the dropped ones were the oldest
        // waiting; the outbox, with the same bound, then drops its oldest too).
        Assert.Equal(1 + numbered + MaxEntries, queued[^1].Seq);
        Assert.Equal(queued[^1].Seq, queued.Count + streams.Windows.Outbox.Dropped);
        Assert.Equal(Enumerable.Range((int)queued[0].Seq, queued.Count).Select(i => (long)i), queued.Select(q => q.Seq));
        Assert.Equal(queued.Select(q => int.Parse(q.Start, CultureInfo.InvariantCulture)).Order(), queued.Select(q => int.Parse(q.Start, CultureInfo.InvariantCulture)));
        Assert.Equal(Closed, int.Parse(queued[^1].Start, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"warn: .*\n?.*?(\d+) message\(s\) stay on disk and are sent after the next start")]
    private static partial Regex StayOnDisk();

    [GeneratedRegex(@"fail: .*\n?.*?Stopping loses (\d+) message\(s\) that were only in memory because the disk refused them: ([^\n]*)\. Free space")]
    private static partial Regex Lost();

    [GeneratedRegex(@"emotions seq (\d+)\.\.(\d+) \((\d+)\)")]
    private static partial Regex InMemory();

    [GeneratedRegex(@"(\d+) emotions not yet numbered")]
    private static partial Regex Unnumbered();

    /// <summary>Each part's count: "(n)" after a seq range, or "n … not yet numbered".</summary>
    [GeneratedRegex(@"seq \d+\.\.\d+ \((\d+)\)|(\d+) \w+ not yet numbered")]
    private static partial Regex Counted();
}
