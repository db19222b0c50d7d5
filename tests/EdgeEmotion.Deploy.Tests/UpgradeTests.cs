using System.Text.Json;

namespace EdgeEmotion.Deploy.Tests;

/// <summary>Step 7 of the guide, an upgrade of the running service (nspawn, a fresh board).</summary>
[Trait("Category", "Systemd")]
[RunsForMinutes]
public sealed class UpgradeTests(PackageBuilds builds)
{
    [Fact]
    public void Upgrade_keeps_settings_and_state_and_restarts_the_running_service()
    {
        using var board = Board.Boot(builds.DebFolder);
        var guide = InstallersGuide.Installed(board, builds.Amd64Deb);
        ShortWindows.Apply(board);
        guide.Start();
        var before = Seq(guide.Receive(InstallersGuide.Emotions, 1, TimeSpan.FromSeconds(60))[0]);
        var settings = board.Run("cat", InstallersGuide.Settings);
        var pid = board.Property("edgeemotion", "MainPID");

        // Step 7.
        guide.Install(builds.Amd64DebUpgrade);
        Assert.Contains($"Version: {PackageBuilds.UpgradeVersion}", board.Run("dpkg", "-s", "edgeemotion"));
        Assert.Equal(settings, board.Run("cat", InstallersGuide.Settings));
        Assert.Equal("active", board.Property("edgeemotion", "ActiveState"));
        Assert.NotEqual(pid, board.Property("edgeemotion", "MainPID"));
        // The state survived: the window numbers go on where they were.
        var after = Seq(guide.Receive(InstallersGuide.Emotions, 1, TimeSpan.FromSeconds(60))[0]);
        Assert.True(after > before, $"seq {after} after the upgrade, {before} before");
        Assert.True(long.Parse(board.Run("cat", "/var/lib/edgeemotion/seq").Trim(), System.Globalization.CultureInfo.InvariantCulture) >= before);
    }

    private static long Seq(string window) => JsonDocument.Parse(window).RootElement.GetProperty("seq").GetInt64();
}
