using System.Globalization;
using System.Runtime.InteropServices;

namespace EdgeEmotion.Deploy.Tests;

/// <summary><c>systemctl stop</c> and starts of the installed, running service (nspawn, a board of
/// this class's own, set up by the guide).</summary>
[Trait("Category", "Systemd")]
public sealed class ServiceStopTests(RunningBoard running) : IClassFixture<RunningBoard>
{
    private const string ClockWait = "systemd-time-wait-sync.service";

    [Fact]
    public void Stop_publishes_offline_and_ends_cleanly()
    {
        var (board, guide) = (running.Board, running.Guide);
        guide.Start();
        // The board is this class's: after the other test's restarts the retained status is
        // "offline" until the service has connected again.
        Wait.UntilBlocking(() => guide.Receive(InstallersGuide.Status, 1, TimeSpan.FromSeconds(60))[0] == "online", "the service online");

        board.Run("systemctl", "stop", "edgeemotion");
        Assert.Equal("inactive", board.Property("edgeemotion", "ActiveState"));
        Assert.Equal("success", board.Property("edgeemotion", "Result"));
        // Retained "offline" is also the broker's last will; the daemon's own log line and the
        // clean result show it was published on the way out, not left to the will.
        Assert.Equal("offline", guide.Receive(InstallersGuide.Status, 1, TimeSpan.FromSeconds(30))[0]);
        Assert.Contains(board.Journal("edgeemotion"), r => r.FromDaemon && r.Message.Contains($"{InstallersGuide.Status} (retained): offline", StringComparison.Ordinal));
    }

    /// <summary>Step 5 (a board without a clock chip): the service starts once the clock is
    /// synchronised, or when the wait gives up. At boot both start jobs are queued together; here
    /// they are queued the same way on the booted board (time-sync.target stopped, the wait and the
    /// service started in one transaction). A test-only drop-in in /run lets the wait run in a
    /// container (its unit is for hosts) and gives up after 5 s instead of the guide's two minutes.
    /// timesyncd's signal is the file it creates, /run/systemd/timesync/synchronized.</summary>
    [Fact]
    public void With_the_clock_wait_the_service_starts_when_the_clock_is_synchronised_or_the_wait_gives_up()
    {
        var (board, guide) = (running.Board, running.Guide);
        // The wait also ends when the kernel says the clock is synchronised: then neither case can be seen.
        Assert.SkipUnless(KernelClockUnsynchronised(), "the kernel's clock is synchronised here (adjtimex), so systemd-time-wait-sync ends at once");
        guide.WaitForTheClock();
        board.Shell($"""
            mkdir -p /run/systemd/system/{ClockWait}.d
            printf '[Unit]\nConditionVirtualization=\n[Service]\nTimeoutStartSec=5s\n' > /run/systemd/system/{ClockWait}.d/zz-test.conf
            systemctl daemon-reload
            """);

        // Synchronised while the service waits: it starts after the wait, which succeeded.
        QueueTheBootsStartJobs(board);
        Wait.UntilBlocking(() => board.Property(ClockWait, "ActiveState") == "activating", "the clock wait running", seen: () => States(board));
        Assert.Contains("edgeemotion.service", board.Run("systemctl", "list-jobs", "--no-legend"));
        Assert.Equal("0", board.Property("edgeemotion", "MainPID"));
        board.Shell("mkdir -p /run/systemd/timesync && touch /run/systemd/timesync/synchronized");
        Wait.UntilBlocking(() => board.Property("edgeemotion", "ActiveState") == "active", "the service started", seen: () => States(board));
        Assert.Equal("success", board.Property(ClockWait, "Result"));
        AssertStartedAfterTheWait(board);

        // Never synchronised (no network): the wait gives up and the service starts anyway.
        QueueTheBootsStartJobs(board);
        Wait.UntilBlocking(() => board.Property("edgeemotion", "ActiveState") == "active", "the service started without a synchronised clock", seen: () => States(board));
        Assert.Equal("timeout", board.Property(ClockWait, "Result"));
        AssertStartedAfterTheWait(board);
    }

    private static void QueueTheBootsStartJobs(Board board) => board.Shell($"""
        systemctl stop edgeemotion.service time-sync.target {ClockWait}
        systemctl reset-failed {ClockWait}
        rm -f /run/systemd/timesync/synchronized
        systemctl start --no-block {ClockWait} edgeemotion.service
        """);

    private static string States(Board board) =>
        $"clock wait {board.Property(ClockWait, "ActiveState")} ({board.Property(ClockWait, "Result")}), edgeemotion {board.Property("edgeemotion", "ActiveState")}; jobs: {board.Run("systemctl", "list-jobs", "--no-legend")}; {string.Join(" | ", board.Journal(ClockWait).TakeLast(5).Select(r => r.Message))}";

    private static void AssertStartedAfterTheWait(Board board)
    {
        var waitEnded = long.Parse(board.Property(ClockWait, "ExecMainExitTimestampMonotonic"), CultureInfo.InvariantCulture);
        var serviceStarted = long.Parse(board.Property("edgeemotion", "ExecMainStartTimestampMonotonic"), CultureInfo.InvariantCulture);
        Assert.True(waitEnded > 0 && serviceStarted >= waitEnded, $"the wait ended at {waitEnded} µs, the service started at {serviceStarted} µs");
    }

    /// <summary>adjtimex(2) with no change asked returns the clock's state; TIME_ERROR (5): not synchronised.</summary>
    private static bool KernelClockUnsynchronised()
    {
        // struct timex is 208 bytes on 64-bit Linux; modes (the first field) 0 reads only.
        var timex = new byte[256];
        return Adjtimex(timex) == 5;
    }

    // DllImport, as the daemon's few libc calls: LibraryImport would need unsafe code in this project.
    [DllImport("libc", EntryPoint = "adjtimex")]
    private static extern int Adjtimex([In, Out] byte[] timex);
}
