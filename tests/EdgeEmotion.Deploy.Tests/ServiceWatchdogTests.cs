namespace EdgeEmotion.Deploy.Tests;

/// <summary>A stalled pipeline under the installed unit (nspawn, a fresh board): the daemon's
/// watchdog pings stop and systemd restarts it.</summary>
[Trait("Category", "Systemd")]
public sealed class ServiceWatchdogTests(PackageBuilds builds)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    /// <summary>Test-only, in /run: shorter than the shipped 30 s. The daemon pings at half of it
    /// (2.5 s) when frames moved, which leaves room for a slow first frame on a loaded machine.</summary>
    private const int WatchdogSeconds = 5;

    /// <summary>How long the pictures play before the stall: more than 1.5 watchdog periods, so
    /// that regular pings keep the service alive past two periods (the assert below).</summary>
    private const int PlaySeconds = 12;

    private const int Fps = 5;

    [Fact]
    public void A_stalled_pipeline_is_restarted_by_the_watchdog()
    {
        using var board = Board.Boot(builds.DebFolder);
        var guide = InstallersGuide.Installed(board, builds.Amd64Deb);
        // A real stall: the source folder plays 12 s of pictures, then a FIFO nobody writes, so
        // reading that "picture" blocks the capture thread while the process lives on.
        board.Shell($"""
            mkdir -p /srv/stall
            for i in $(seq 10 {9 + (PlaySeconds * Fps)}); do ln -s {Board.Demo}/group-1.jpg /srv/stall/picture-$i.jpg; done
            mkfifo /srv/stall/zz-never-written.jpg
            """);
        guide.Configure($"images:///srv/stall?fps={Fps}");
        // RestartSec is only how long systemd waits before the restart, not what is tested.
        board.RuntimeDropIn("watchdog", $"WatchdogSec={WatchdogSeconds}s", "RestartSec=1s");
        guide.Start();
        var firstPid = board.Property("edgeemotion", "MainPID");

        Wait.UntilBlocking(() => int.Parse(board.Property("edgeemotion", "NRestarts"), System.Globalization.CultureInfo.InvariantCulture) >= 1, "systemd to restart the stalled service", Settle, every: Board.Probe);
        var journal = board.Journal("edgeemotion").ToList();
        var timeout = journal.FindIndex(r => r.Identifier == "systemd" && r.Message.Contains("Watchdog timeout", StringComparison.Ordinal));
        Assert.True(timeout >= 0, "no watchdog timeout in the journal");
        // While the pictures played, the daemon's pings kept it alive past two watchdog periods;
        // without pings the timeout would come one period after the start.
        var started = journal.First(r => r.Identifier == "systemd" && r.Message.StartsWith("Started edgeemotion.service", StringComparison.Ordinal));
        var alive = journal[timeout].Time - started.Time;
        Assert.True(alive > TimeSpan.FromSeconds(2 * WatchdogSeconds), $"the watchdog fired {alive.TotalSeconds:0.0} s after the start, while the pictures still played");
        Assert.Contains(journal, r => r.Identifier == "systemd" && r.Message.Contains("Failed with result 'watchdog'", StringComparison.Ordinal));
        Wait.UntilBlocking(() => board.Property("edgeemotion", "SubState") == "running", "the restarted service to run", Settle, every: Board.Probe);
        Assert.NotEqual(firstPid, board.Property("edgeemotion", "MainPID"));
    }
}
