using System.Globalization;
using Spectre.Console;

namespace EdgeEmotion.Bench.Faults;

/// <summary>The fault run's result as tables, and a verdict line per target.</summary>
public static class FaultsReport
{
    public static void Write(double minutes, FaultSettings settings, IReadOnlyDictionary<FaultKind, int> ran, FaultsOutcome o)
    {
        AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 140);
        var faults = new Table()
            .Title(F($"Faults: {minutes} min, each fault {settings.FaultSeconds:0} s (daemon down {settings.DaemonDownSeconds:0} s after SIGKILL), {settings.NormalSeconds:0} s normal between"))
            .AddColumns("fault", "times", "RSS highest during, MB");
        foreach (var (fault, times) in ran)
        {
            faults.AddRow(fault.ToString(), F($"{times}"), o.MemoryHighestDuring.TryGetValue(fault, out var mb) ? F($"{mb:F1}") : "-");
        }
        AnsiConsole.Write(faults);

        var streams = new Table().Title("What the daemon numbered against what the subscriber received")
            .AddColumns("stream", "last seq used", "received distinct", "duplicates", "seq used twice", "declared skipped", "missing", "out of order", "left on disk", "unreadable");
        foreach (var t in new[] { o.Windows, o.Visits })
        {
            streams.AddRow(t.Stream, F($"{t.LastClosed}"), F($"{t.ReceivedDistinct}"), Seqs(t.Duplicates), Seqs(t.Reused),
                t.DeclaredGaps.Count == 0 ? "none" : F($"{t.DeclaredSkipped} in {string.Join(", ", t.DeclaredGaps)}"),
                Seqs(t.Missing), Seqs(t.OutOfOrder), Seqs(t.LeftOnDisk), F($"{t.Unreadable}"));
        }
        AnsiConsole.Write(streams);

        var daemon = new Table().Title("The daemon").AddColumns("measure", "value");
        daemon.AddRow("RSS median over the run, MB", F($"{o.MemoryMedianMegabytes:F1}"));
        daemon.AddRow(F($"RSS highest over the run, MB (target {FaultsBenchmark.TargetMegabytes:0})"), F($"{o.MemoryHighestMegabytes:F1}"));
        daemon.AddRow("restarts (after SIGKILL, or SIGTERM on a full disk)", F($"{o.Restarts - o.UnexpectedExits.Count}"));
        daemon.AddRow("exits nobody asked for (restarted)", o.UnexpectedExits.Count == 0 ? "0" : F($"{o.UnexpectedExits.Count} (exit codes {string.Join(", ", o.UnexpectedExits)})"));
        daemon.AddRow("exit code after the final SIGTERM", o.StopExitCode is { } code ? F($"{code}") : "did not stop within 30 s");
        daemon.AddRow("outbox empty before the stop", o.Drained ? "yes" : "no");
        daemon.AddRow("log lines: warnings / errors", F($"{o.WarningLines} / {o.ErrorLines}"));
        daemon.AddRow("messages it said were lost at a stop (only in memory, disk full)", F($"{o.LostAtStop}"));
        daemon.AddRow("outbox files quarantined", F($"{o.Quarantined}"));
        daemon.AddRow("subscriber reconnections", F($"{o.SubscriberReconnects}"));
        AnsiConsole.Write(daemon);

        foreach (var t in new[] { o.Windows, o.Visits })
        {
            Console.WriteLine(t.Lost
                ? F($"LOST {t.Stream}: seq {Seqs(t.Missing)} never arrived and are not on disk; of them the daemon logged as acknowledged by the broker (lost after it): {Seqs(t.MissingButAcknowledged)}; {t.Unreadable} unreadable")
                : F($"{t.Stream}: nothing lost ({t.ReceivedDistinct} of {t.LastClosed} numbered arrived{(t.DeclaredSkipped > 0 ? F($", {t.DeclaredSkipped} declared skipped") : "")}{(t.LeftOnDisk.Count > 0 ? F($", {t.LeftOnDisk.Count} kept on disk for the next start") : "")})"));
            if (t.HighestArrived > t.LastClosed)
            {
                Console.WriteLine(F($"NOTE {t.Stream}: seq {t.HighestArrived} arrived, but the seq file says {t.LastClosed} after the stop (the file fell behind)"));
            }
            if (t.Reused.Count > 0)
            {
                Console.WriteLine(F($"SEQ USED TWICE {t.Stream}: seq {Seqs(t.Reused)} arrived with two different messages"));
            }
            if (t.OutOfOrder.Count > 0)
            {
                Console.WriteLine(F($"OUT OF ORDER {t.Stream}: seq {Seqs(t.OutOfOrder)} arrived after a higher one"));
            }
        }
        if (o.LostAtStop > 0)
        {
            Console.WriteLine(F($"LOST AT A STOP: the daemon said {o.LostAtStop} message(s) lived only in memory (disk full) and were lost"));
        }
        Console.WriteLine(o.MemoryHighestMegabytes <= FaultsBenchmark.TargetMegabytes
            ? F($"memory: highest {o.MemoryHighestMegabytes:F1} MB, within the {FaultsBenchmark.TargetMegabytes:0} MB target")
            : F($"MEMORY over the {FaultsBenchmark.TargetMegabytes:0} MB target: highest {o.MemoryHighestMegabytes:F1} MB"));
        Console.WriteLine(F($"logs (daemon.log, mosquitto/mosquitto.log) in {o.Work}"));
    }

    /// <summary>A list of seqs, shortened to runs (3..7) and the first few runs, with how many when more than one.</summary>
    private static string Seqs(IReadOnlyList<long> seqs)
    {
        if (seqs.Count == 0)
        {
            return "none";
        }
        var runs = new List<string>();
        var sorted = seqs.Order().ToArray();
        var start = sorted[0];
        for (var i = 1; i <= sorted.Length; i++)
        {
            if (i == sorted.Length || sorted[i] != sorted[i - 1] + 1)
            {
                runs.Add(start == sorted[i - 1] ? F($"{start}") : F($"{start}..{sorted[i - 1]}"));
                if (i < sorted.Length)
                {
                    start = sorted[i];
                }
            }
        }
        var shown = string.Join(", ", runs.Take(8)) + (runs.Count > 8 ? ", …" : "");
        return seqs.Count == 1 ? shown : F($"{shown} ({seqs.Count})");
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
