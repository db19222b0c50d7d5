namespace EdgeEmotion.Deploy.Tests;

/// <summary><c>systemctl stop</c> on the installed, running service (nspawn, a fresh board).</summary>
[Trait("Category", "Systemd")]
public sealed class ServiceStopTests(PackageBuilds builds)
{
    [Fact]
    public void Stop_publishes_offline_and_ends_cleanly()
    {
        using var board = Board.Boot(builds.DebFolder);
        var guide = InstallersGuide.Installed(board, builds.Amd64Deb);
        guide.Start();
        Assert.Equal("online", guide.Receive(InstallersGuide.Status, 1, TimeSpan.FromSeconds(60))[0]);

        board.Run("systemctl", "stop", "edgeemotion");
        Assert.Equal("inactive", board.Property("edgeemotion", "ActiveState"));
        Assert.Equal("success", board.Property("edgeemotion", "Result"));
        // Retained "offline" is also the broker's last will; the daemon's own log line and the
        // clean result show it was published on the way out, not left to the will.
        Assert.Equal("offline", guide.Receive(InstallersGuide.Status, 1, TimeSpan.FromSeconds(30))[0]);
        Assert.Contains(board.Journal("edgeemotion"), r => r.FromDaemon && r.Message.Contains($"{InstallersGuide.Status} (retained): offline", StringComparison.Ordinal));
    }
}
