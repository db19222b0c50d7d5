using System.Collections.Concurrent;
using System.Text;
using EdgeEmotion.Core;
using EdgeEmotion.Daemon.Publishing.Durable;
using Microsoft.Extensions.Logging;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>The state directory as hostile hands and full disks leave it: reset <c>seq</c>,
/// garbage in the outbox, a second daemon, a disk that refuses writes.</summary>
public sealed class OutboxTests
{
    private static byte[] Window(long seq) => Encoding.UTF8.GetBytes(
        $$$"""{"schema":1,"device":"d","seq":{{{seq}}},"window_start":"2026-11-25T10:00:00.000Z","window_end":"2026-11-25T10:00:10.000Z","frames":1,"faces":0,"counts":{},"mean_probabilities":{}}""");

    private static MessageStreams Open(string state, RecordingLogger? log = null, int max = 1000) =>
        new(state, max, 1 << 20, new SingleLoggerFactory(log ?? new RecordingLogger()));

    [Fact]
    public void A_deleted_seq_file_never_reuses_the_numbers_of_waiting_windows()
    {
        using var state = new TempDirectory();
        using (var streams = Open(state.Path))
        {
            for (var i = 1; i <= 6; i++)
            {
                streams.Windows.Enqueue(Window);
            }
        }
        // As an earlier version's error message advised (it had no seq-used).
        File.Delete(state.Combine("seq"));
        File.Delete(state.Combine("seq" + SeqStore.UsedSuffix));
        var log = new RecordingLogger();
        using (var streams = Open(state.Path, log))
        {
            Assert.Equal(7, streams.Windows.Enqueue(Window));
            Assert.Equal(7, streams.Windows.Outbox.Count);
            for (var seq = 1; seq <= 7; seq++)
            {
                Assert.Equal(seq, streams.Windows.Outbox.Peek()!.Value.Seq);
                Assert.Equal(seq, System.Text.Json.JsonDocument.Parse(streams.Windows.Outbox.Peek()!.Value.Payload).RootElement.GetProperty("seq").GetInt64());
                streams.Windows.Outbox.Remove(seq);
            }
        }
        Assert.Contains(log.Lines, l => l.Contains("continuing after 6", StringComparison.Ordinal));
    }

    [Fact]
    public void A_damaged_seq_file_is_named_and_the_advice_never_loses_data()
    {
        using var state = new TempDirectory();
        File.WriteAllText(state.Combine("seq"), "twelve");
        var message = Assert.Throws<UserInputException>(() => new SeqStore(state.Combine("seq"))).Message;
        Assert.Contains(state.Combine("seq"), message, StringComparison.Ordinal);
        Assert.DoesNotContain("delete", message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_seq_beyond_what_dashboards_read_exactly_is_refused_with_its_limit()
    {
        using var state = new TempDirectory();
        File.WriteAllText(state.Combine("seq"), long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(SeqStore.Max.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Throws<UserInputException>(() => new SeqStore(state.Combine("seq"))).Message, StringComparison.Ordinal);
        File.WriteAllText(state.Combine("seq"), (SeqStore.Max - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var seq = new SeqStore(state.Combine("seq"));
        Assert.True(seq.TryNext(out var last));
        Assert.Equal(SeqStore.Max, last);
        Assert.Throws<InvalidDataException>(() => seq.TryNext(out _)); // never wraps negative
    }

    [Fact]
    public void Garbage_empty_and_hand_edited_outbox_files_are_quarantined_not_published()
    {
        using var state = new TempDirectory();
        var outbox = Directory.CreateDirectory(state.Combine("outbox")).FullName;
        File.WriteAllBytes(Path.Combine(outbox, "0000000000000003.json"), [0xff, 0x00, 0x13, 0x37]);
        File.WriteAllBytes(Path.Combine(outbox, "0000000000000004.json"), []);
        File.WriteAllText(Path.Combine(outbox, "0000000000000010.json"), """{"seq":10,"note":"hand-edited"}""");
        File.WriteAllBytes(Path.Combine(outbox, "0000000000000011.json"), Window(12)); // seq not its name
        File.WriteAllText(Path.Combine(outbox, "notes.txt"), "hello");
        File.WriteAllBytes(Path.Combine(outbox, "0000000000000005.json"), Window(5));
        var log = new RecordingLogger();
        using var streams = Open(state.Path, log);

        Assert.Equal(5, streams.Windows.Outbox.Peek()!.Value.Seq);
        Assert.Equal(1, streams.Windows.Outbox.Count);
        Assert.Equal(5, streams.Windows.Outbox.Quarantined);
        Assert.Equal(5, Directory.GetFiles(state.Combine("quarantine")).Length);
        Assert.Equal(5, log.Lines.Count(l => l.Contains("not a valid message", StringComparison.Ordinal)));
        Assert.Contains(log.Lines, l => l.Contains("0000000000000010.json", StringComparison.Ordinal) && l.Contains("no \"schema\"", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_damaged_while_waiting_is_quarantined_when_it_would_be_sent()
    {
        using var state = new TempDirectory();
        using var streams = Open(state.Path);
        streams.Windows.Enqueue(Window);
        streams.Windows.Enqueue(Window);
        File.WriteAllText(Directory.GetFiles(state.Combine("outbox")).Order(StringComparer.Ordinal).First(), "{\"seq\":1}");
        Assert.Equal(2, streams.Windows.Outbox.Peek()!.Value.Seq);
        Assert.Equal(1, streams.Windows.Outbox.Quarantined);
    }

    [Fact]
    public void Dropping_the_oldest_on_overflow_is_logged_with_the_seqs()
    {
        using var state = new TempDirectory();
        var log = new RecordingLogger();
        using var streams = Open(state.Path, log, max: 3);
        for (var i = 0; i < 5; i++)
        {
            streams.Windows.Enqueue(Window);
        }
        Assert.Equal(3, streams.Windows.Outbox.Count);
        Assert.Equal(2, streams.Windows.Outbox.Dropped);
        Assert.Contains(log.Lines, l => l.Contains("dropped the oldest, seq 1..1", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Contains("dropped the oldest, seq 2..2", StringComparison.Ordinal) && l.Contains("2 dropped since start", StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_daemon_on_the_same_state_directory_is_refused_naming_the_holder()
    {
        using var state = new TempDirectory();
        using var first = Open(state.Path);
        var refusal = Assert.Throws<UserInputException>(() => Open(state.Path));
        Assert.StartsWith("StateDirectory: ", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(state.Path, refusal.Message, StringComparison.Ordinal);
        first.Dispose();
        using var second = Open(state.Path); // released on dispose (and by the kernel when a process dies)
    }

    [Fact]
    public void Visits_have_their_own_seq_and_outbox()
    {
        using var state = new TempDirectory();
        using var streams = Open(state.Path);
        streams.Windows.Enqueue(Window);
        streams.Windows.Enqueue(Window);
        var visit = streams.Visits.Enqueue(seq => Encoding.UTF8.GetBytes(
            $$$"""{"schema":1,"device":"d","seq":{{{seq}}},"start":"x","end":"y","dwell_s":1,"emotion":"happy","mean_probabilities":{}}"""));
        Assert.Equal(1, visit);
        Assert.Equal("1", File.ReadAllText(state.Combine("visits-seq" + SeqStore.UsedSuffix)));
        Assert.Equal("2", File.ReadAllText(state.Combine("seq" + SeqStore.UsedSuffix)));
        Assert.Single(Directory.GetFiles(state.Combine("visits-outbox")));
    }

    [Fact]
    public void Numbers_are_used_only_within_the_durable_reservation_and_a_crash_declares_the_unused_rest()
    {
        using var state = new TempDirectory();
        var crashed = new SeqStore(state.Combine("seq"));
        for (var i = 1; i <= 3; i++)
        {
            Assert.True(crashed.TryNext(out var seq));
            Assert.Equal(i, seq);
            // Reserved ahead, on disk before the number is used.
            Assert.True(long.Parse(File.ReadAllText(state.Combine("seq")), System.Globalization.CultureInfo.InvariantCulture) >= seq);
        }
        var reserved = long.Parse(File.ReadAllText(state.Combine("seq")), System.Globalization.CultureInfo.InvariantCulture);
        // No Release: killed.
        var log = new RecordingLogger();
        var next = new SeqStore(state.Combine("seq"), logger: log);
        Assert.Equal(new SeqRange(4, reserved), next.DeclaredGap);
        Assert.True(next.TryNext(out var after));
        Assert.Equal(reserved + 1, after);
        Assert.Contains(log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains($"seq 4..{reserved} were reserved", StringComparison.Ordinal));
    }

    [Fact]
    public void A_clean_stop_gives_the_reservation_back_and_an_earlier_versions_seq_file_goes_on()
    {
        using var state = new TempDirectory();
        using (var streams = Open(state.Path))
        {
            streams.Windows.Enqueue(Window);
            streams.Windows.Enqueue(Window);
        }
        Assert.Equal("2", File.ReadAllText(state.Combine("seq")));
        using (var streams = Open(state.Path))
        {
            Assert.Null(streams.Windows.DeclaredGap);
            Assert.Equal(3, streams.Windows.Enqueue(Window));
        }
        // As an earlier version left it: the last number used, no visits-seq-used.
        File.WriteAllText(state.Combine("visits-seq"), "41");
        File.Delete(state.Combine("visits-seq" + SeqStore.UsedSuffix));
        using (var streams = Open(state.Path))
        {
            Assert.Null(streams.Visits.DeclaredGap);
            Assert.Equal(42, streams.Visits.Enqueue(seq => Encoding.UTF8.GetBytes(
                $$$"""{"schema":1,"device":"d","seq":{{{seq}}},"start":"x","end":"y","dwell_s":1,"emotion":"happy","mean_probabilities":{}}""")));
        }
    }

    /// <summary>Collects formatted log lines (from any thread; <see cref="Lines"/> is a copy).</summary>
    public sealed class RecordingLogger : ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }

    private sealed class SingleLoggerFactory(ILogger logger) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => logger;

        public void Dispose()
        {
        }
    }
}
