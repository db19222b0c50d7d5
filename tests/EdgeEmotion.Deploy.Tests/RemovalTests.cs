namespace EdgeEmotion.Deploy.Tests;

/// <summary>Step 8 of the guide, remove then purge of the running service (nspawn, a fresh
/// board, looked at before the package came).</summary>
[Trait("Category", "Systemd")]
public sealed class RemovalTests(PackageBuilds builds)
{
    [Fact]
    public void Remove_keeps_settings_and_purge_leaves_nothing_behind()
    {
        using var board = Board.Boot(builds.DebFolder);
        var guide = new InstallersGuide(board);
        guide.StartBroker();
        var untouched = Snapshot(board);
        guide.Install(builds.Amd64Deb);
        guide.Configure();
        guide.StorePassword();
        ShortWindows.Apply(board);
        guide.Start();
        guide.Receive(InstallersGuide.Emotions, 1, TimeSpan.FromSeconds(60));
        Assert.Equal("600", board.Run("stat", "-c", "%a", "/etc/edgeemotion/mqtt-password").Trim());

        // Step 8: remove stops and disables, keeps settings, password and state.
        board.Run("apt-get", "remove", "-y", "edgeemotion");
        Assert.Equal("inactive", board.Property("edgeemotion", "ActiveState"));
        Assert.NotEqual(0, board.Exec("test", "-e", "/etc/systemd/system/multi-user.target.wants/edgeemotion.service").Exit);
        Assert.NotEqual(0, board.Exec("test", "-e", "/opt/edgeemotion").Exit);
        foreach (var kept in new[] { InstallersGuide.Settings, "/etc/edgeemotion/mqtt-password", "/var/lib/edgeemotion/seq", InstallersGuide.CredentialsDropIn })
        {
            Assert.True(board.Exec("test", "-e", kept).Exit == 0, $"{kept} did not survive remove");
        }

        // Purge: everything the package and the guide made is gone; only the system user stays.
        board.Run("apt-get", "purge", "-y", "edgeemotion");
        var left = Snapshot(board).Except(untouched).ToList();
        Assert.True(left.Count == 0, "left after purge:\n" + string.Join('\n', left));
        Assert.Contains("edgeemotion:", board.Run("getent", "passwd", "edgeemotion"));
    }

    /// <summary>Every path under the places a package, its scripts and the guide write to,
    /// leaving out the package manager's own records and logs.</summary>
    private static HashSet<string> Snapshot(Board board) =>
        [.. board.Run("sh", "-c", "find /etc /opt /srv /var/lib /usr/lib/sysusers.d /lib/systemd/system -xdev 2>/dev/null | grep -Ev '^/var/lib/(dpkg|apt|systemd/(timers|random-seed|catalog|coredump))(/|$)|^/etc/(passwd|group|shadow|gshadow|subuid|subgid)-?$|^/etc/ld.so.cache$' || true")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)];
}
