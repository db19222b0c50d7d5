using System.Globalization;
using EdgeEmotion.Core.Statistics;

namespace EdgeEmotion.Bench.Faults;

/// <summary>
/// The daemon's own process against a real mosquitto, cycling for the given minutes through a
/// broker that stalls (accepts TCP, passes nothing), a broker killed and restarted, a full disk
/// under the state directory, a full disk with a stop and restart of the daemon, and a SIGKILL of
/// the daemon, with normal running between. At the end the daemon is stopped with SIGTERM once its
/// outbox is empty, and every window and visit it numbered (its seq-used files) must have reached
/// the subscriber, in order, or lie in a gap its stats declared; no seq may carry two different
/// messages; its memory must stay within the 150 MB target. Exit code 1 when anything was lost,
/// reused or arrived out of order or the memory went over; 2 when the run itself could not be set up or run.
/// </summary>
public static class FaultsBenchmark
{
    public const double TargetMegabytes = 150;

    private static readonly FaultKind[] Cycle = [FaultKind.BrokerStall, FaultKind.BrokerKill, FaultKind.DiskFull, FaultKind.DiskFullRestart, FaultKind.DaemonKill];

    public static async Task<int> RunAsync(double minutes, IReadOnlyList<string> args)
    {
        FaultSettings settings;
        string[] daemonSettings;
        try
        {
            (settings, daemonSettings) = FaultSettings.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
        var work = Path.Combine(Path.GetTempPath(), "edgeemotion-faults-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        var total = TimeSpan.FromMinutes(minutes);
        var ran = Cycle.ToDictionary(f => f, _ => 0);
        FaultsOutcome outcome;
        FaultRig started;
        try
        {
            started = await FaultRig.StartAsync(work, settings, daemonSettings);
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
        await using (var rig = started)
        {
            rig.Log($"daemon, mosquitto (port via proxy), state on a {settings.TmpfsMegabytes:0} MB tmpfs; logs in {work}");
            rig.Log($"source {daemonSettings.LastOrDefault(s => s.StartsWith("--Source:Uri=", StringComparison.OrdinalIgnoreCase))?["--Source:Uri=".Length..] ?? rig.DefaultSource}");
            await rig.RunForAsync(TimeSpan.FromSeconds(settings.NormalSeconds), during: null);
            for (var i = 0; ; i++)
            {
                var fault = Cycle[i % Cycle.Length];
                var length = TimeSpan.FromSeconds(fault == FaultKind.DaemonKill ? settings.DaemonDownSeconds : settings.FaultSeconds);
                if (rig.Interrupted || rig.Elapsed + length + TimeSpan.FromSeconds(settings.NormalSeconds) > total)
                {
                    break;
                }
                rig.Log($"{fault} begins ({length.TotalSeconds:0} s); windows closed so far {rig.LastSeq("seq-used")}, received {rig.Windows.HighestArrived()}");
                rig.Begin(fault);
                ran[fault]++;
                await rig.RunForAsync(length, fault);
                rig.End(fault);
                rig.Log($"{fault} ends; windows closed so far {rig.LastSeq("seq-used")}, received {rig.Windows.HighestArrived()}");
                await rig.RunForAsync(TimeSpan.FromSeconds(settings.NormalSeconds), during: null);
            }
            if (ran.Values.Sum() < Cycle.Length)
            {
                rig.Log($"note: {minutes} min held only {ran.Values.Sum()} of the {Cycle.Length} faults; give more minutes or shorter --Faults:FaultSeconds/NormalSeconds");
            }
            await rig.RunForAsync(total - rig.Elapsed, during: null);
            outcome = await FinishAsync(rig, settings);
        }
        FaultsReport.Write(minutes, settings, ran, outcome);
        return outcome.Passed ? 0 : 1;
    }

    /// <summary>Waits for the outbox to empty, stops the daemon with SIGTERM, then waits for what it
    /// sent while stopping to arrive, and tallies both streams.</summary>
    private static async Task<FaultsOutcome> FinishAsync(FaultRig rig, FaultSettings settings)
    {
        rig.Log("faults over; waiting for the daemon's outbox to empty and everything closed to arrive");
        // The daemon sends in seq order, so once the outbox is empty and the last closed seq has
        // arrived, nothing more is coming: a seq lost on the way is not waited for.
        bool Drained() => rig.OnDisk("outbox").Count == 0 && rig.OnDisk("visits-outbox").Count == 0
            && rig.Windows.HighestArrived() >= rig.LastSeq("seq-used") && rig.Visits.HighestArrived() >= rig.LastSeq("visits-seq-used");
        var drainStart = rig.Elapsed;
        await rig.RunForAsync(TimeSpan.FromSeconds(settings.DrainSeconds), during: null, until: Drained);
        var drained = Drained();
        rig.Log(drained
            ? $"drained in {(rig.Elapsed - drainStart).TotalSeconds:0} s; stopping the daemon (SIGTERM)"
            : $"NOT drained after {settings.DrainSeconds:0} s: outbox holds {rig.OnDisk("outbox").Count} window(s), {rig.OnDisk("visits-outbox").Count} visit(s); stopping anyway (SIGTERM)");
        var stoppedInTime = rig.Daemon.Terminate(TimeSpan.FromSeconds(30));
        rig.Log(stoppedInTime ? $"daemon stopped, exit code {rig.Daemon.ExitCode}" : "daemon did not stop within 30 s of SIGTERM: killed");
        var lastWindow = rig.LastSeq("seq-used");
        var lastVisit = rig.LastSeq("visits-seq-used");
        var windowsOnDisk = rig.OnDisk("outbox");
        var visitsOnDisk = rig.OnDisk("visits-outbox");
        // What was sent during the stop may still be on its way through the broker.
        await rig.RunForAsync(TimeSpan.FromSeconds(15), during: null, until: () =>
            rig.Windows.Tally(lastWindow, windowsOnDisk).Missing.Count == 0 && rig.Visits.Tally(lastVisit, visitsOnDisk).Missing.Count == 0);
        var memory = rig.Memory.Select(m => m.Megabytes).ToArray();
        return new FaultsOutcome(
            rig.Windows.Tally(lastWindow, windowsOnDisk),
            rig.Visits.Tally(lastVisit, visitsOnDisk),
            Percentiles.Median(memory),
            memory.Length == 0 ? 0 : memory.Max(),
            rig.Memory.Where(m => m.During is not null).GroupBy(m => m.During!.Value).ToDictionary(g => g.Key, g => g.Max(m => m.Megabytes)),
            rig.Daemon.Starts - 1,
            rig.Daemon.UnexpectedExits,
            stoppedInTime ? rig.Daemon.ExitCode : null,
            drained,
            rig.SubscriberReconnects,
            rig.Daemon.WarningLines,
            rig.Daemon.ErrorLines,
            rig.Daemon.LostAtStop,
            rig.Quarantined(),
            rig.Work);
    }
}

public sealed record FaultsOutcome(
    StreamTally Windows,
    StreamTally Visits,
    double MemoryMedianMegabytes,
    double MemoryHighestMegabytes,
    IReadOnlyDictionary<FaultKind, double> MemoryHighestDuring,
    int Restarts,
    IReadOnlyList<int> UnexpectedExits,
    int? StopExitCode,
    bool Drained,
    int SubscriberReconnects,
    int WarningLines,
    int ErrorLines,
    int LostAtStop,
    int Quarantined,
    string Work)
{
    public bool Passed => !Windows.Lost && !Visits.Lost && Windows.OutOfOrder.Count == 0 && Visits.OutOfOrder.Count == 0
        && Windows.Reused.Count == 0 && Visits.Reused.Count == 0 && LostAtStop == 0
        && MemoryHighestMegabytes <= FaultsBenchmark.TargetMegabytes;
}
