namespace EdgeEmotion.Deploy.Tests;

/// <summary>One board (nspawn) where the installed service was started with a bad setting in
/// /etc/edgeemotion and failed, shared by the checks of that failure (none changes the board).</summary>
public sealed class BadSettingBoard : IDisposable
{
    private readonly Board? _board;
    private readonly int _startExit;

    public BadSettingBoard(PackageBuilds builds)
    {
        // Where nspawn cannot run, each test skips with the reason (a fixture cannot skip).
        if (Board.CannotRun is not null)
        {
            return;
        }
        _board = Board.Boot(builds.DebFolder);
        InstallersGuide.Installed(_board, builds.Amd64Deb);
        _board.Shell($$"""printf '{ "DeviceId": "kiosk 7" }\n' > /etc/edgeemotion/zz-bad.json""");
        _startExit = _board.Exec("systemctl", "start", "edgeemotion").Exit;
    }

    public Board Board => _board ?? Board.Skipped<Board>();

    /// <summary>The exit code of <c>systemctl start edgeemotion</c>.</summary>
    public int StartExit => _board is null ? Board.Skipped<int>() : _startExit;

    public void Dispose() => _board?.Dispose();
}

/// <summary>A bad setting under the installed unit: the service fails once, says why in one
/// journal line at error priority, and systemd does not restart it.</summary>
[Trait("Category", "Systemd")]
public sealed class BadSettingTests(BadSettingBoard failed) : IClassFixture<BadSettingBoard>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    private Board Failed()
    {
        Wait.UntilBlocking(() => failed.Board.Property("edgeemotion", "ActiveState") == "failed", "the service to fail", Settle, every: Board.Probe);
        return failed.Board;
    }

    [Fact]
    public void A_bad_setting_stops_the_service_with_one_journal_line_and_no_restart_loop()
    {
        Assert.NotEqual(0, failed.StartExit);
        // "failed" is final: a restart would show as activating/auto-restart.
        var board = Failed();
        Assert.Equal("0", board.Property("edgeemotion", "NRestarts"));
        Assert.Equal("2", board.Property("edgeemotion", "ExecMainStatus"));
        var daemon = board.Journal("edgeemotion").Where(r => r.FromDaemon).Select(r => r.Message).ToList();
        var line = Assert.Single(daemon, m => m.StartsWith("edgeemotion:", StringComparison.Ordinal));
        Assert.Contains("DeviceId", line);
        Assert.Contains("kiosk 7", line);
    }

    [Fact]
    public void A_bad_setting_reaches_the_journal_as_an_error()
    {
        var board = Failed();
        var line = Assert.Single(board.Journal("edgeemotion"), r => r.FromDaemon && r.Message.Contains("DeviceId", StringComparison.Ordinal));
        Assert.Equal(3, line.Priority);
    }
}
