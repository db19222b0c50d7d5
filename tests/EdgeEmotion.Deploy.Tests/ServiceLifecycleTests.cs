using System.Text.Json;

namespace EdgeEmotion.Deploy.Tests;

/// <summary>What happens to the installed service over its life under a real systemd (nspawn),
/// each on a fresh board: a stalled pipeline, a bad setting, stop, upgrade, remove and purge,
/// and what the package needs from the system.</summary>
[Collection(SharedPackageBuilds.Name)]
[Trait("Category", "Systemd")]
public sealed class ServiceLifecycleTests(PackageBuilds builds)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    private Board Boot() => Board.Boot(builds.DebFolder);

    [Fact]
    public void A_stalled_pipeline_is_restarted_by_the_watchdog()
    {
        using var board = Boot();
        var guide = InstallersGuide.Installed(board, builds.Amd64Deb);
        // A real stall: the source folder plays 15 s of pictures, then a FIFO nobody writes, so
        // reading that "picture" blocks the capture thread while the process lives on.
        board.Shell($"""
            mkdir -p /srv/stall
            for i in $(seq 10 84); do ln -s {Board.Demo}/group-1.jpg /srv/stall/picture-$i.jpg; done
            mkfifo /srv/stall/zz-never-written.jpg
            """);
        guide.Configure("images:///srv/stall?fps=5");
        // Test-only, in /run: a shorter watchdog than the shipped 30 s keeps the suite fast.
        board.Shell("mkdir -p /run/systemd/system/edgeemotion.service.d && printf '[Service]\\nWatchdogSec=6s\\n' > /run/systemd/system/edgeemotion.service.d/watchdog.conf && systemctl daemon-reload");
        guide.Start();
        var firstPid = board.Property("edgeemotion", "MainPID");

        Wait.UntilBlocking(() => int.Parse(board.Property("edgeemotion", "NRestarts"), System.Globalization.CultureInfo.InvariantCulture) >= 1, "systemd to restart the stalled service", Settle, every: Board.Probe);
        var journal = board.Journal("edgeemotion").ToList();
        var timeout = journal.FindIndex(r => r.Identifier == "systemd" && r.Message.Contains("Watchdog timeout", StringComparison.Ordinal));
        Assert.True(timeout >= 0, "no watchdog timeout in the journal");
        // While the pictures played (15 s), the daemon's pings kept it alive past two watchdog
        // periods; without pings the timeout would come 6 s after the start.
        var started = journal.First(r => r.Identifier == "systemd" && r.Message.StartsWith("Started edgeemotion.service", StringComparison.Ordinal));
        var alive = journal[timeout].Time - started.Time;
        Assert.True(alive > TimeSpan.FromSeconds(12), $"the watchdog fired {alive.TotalSeconds:0.0} s after the start, while the pictures still played");
        Assert.Contains(journal, r => r.Identifier == "systemd" && r.Message.Contains("Failed with result 'watchdog'", StringComparison.Ordinal));
        Wait.UntilBlocking(() => board.Property("edgeemotion", "SubState") == "running", "the restarted service to run", Settle, every: Board.Probe);
        Assert.NotEqual(firstPid, board.Property("edgeemotion", "MainPID"));
    }

    [Fact]
    public void A_bad_setting_stops_the_service_with_one_journal_line_and_no_restart_loop()
    {
        using var board = Boot();
        InstallersGuide.Installed(board, builds.Amd64Deb);
        board.Shell($$"""printf '{ "DeviceId": "kiosk 7" }\n' > /etc/edgeemotion/zz-bad.json""");

        Assert.NotEqual(0, board.Exec("systemctl", "start", "edgeemotion").Exit);
        // "failed" is final: a restart would show as activating/auto-restart.
        Wait.UntilBlocking(() => board.Property("edgeemotion", "ActiveState") == "failed", "the service to fail", Settle, every: Board.Probe);
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
        using var board = Boot();
        InstallersGuide.Installed(board, builds.Amd64Deb);
        board.Shell($$"""printf '{ "DeviceId": "kiosk 7" }\n' > /etc/edgeemotion/zz-bad.json""");
        board.Exec("systemctl", "start", "edgeemotion");
        Wait.UntilBlocking(() => board.Property("edgeemotion", "ActiveState") == "failed", "the service to fail", Settle, every: Board.Probe);
        var line = Assert.Single(board.Journal("edgeemotion"), r => r.FromDaemon && r.Message.Contains("DeviceId", StringComparison.Ordinal));
        Assert.Equal(3, line.Priority);
    }

    [Fact]
    public void The_guides_configuration_check_passes_on_a_good_configuration()
    {
        using var board = Boot();
        var guide = InstallersGuide.Installed(board, builds.Amd64Deb);
        var (exit, output) = guide.CheckConfig();
        Assert.True(exit == 0, output);
        Assert.Contains("Configuration, models and source settings are valid.", output);
        Assert.False(board.Exec("test", "-e", "/state").Exit == 0, "the check wrote a state folder");
    }

    [Fact]
    public void Stop_publishes_offline_and_ends_cleanly()
    {
        using var board = Boot();
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

    [Fact]
    public void Upgrade_keeps_settings_and_state_and_restarts_the_running_service()
    {
        using var board = Boot();
        var guide = InstallersGuide.Installed(board, builds.Amd64Deb);
        guide.Start();
        var before = Seq(guide.Receive(InstallersGuide.Emotions, 1, TimeSpan.FromSeconds(60))[0]);
        var settings = board.Run("cat", InstallersGuide.Settings);
        var pid = board.Property("edgeemotion", "MainPID");

        // Step 6.
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

    [Fact]
    public void Remove_keeps_settings_and_purge_leaves_nothing_behind()
    {
        using var board = Boot();
        var guide = new InstallersGuide(board);
        guide.StartBroker();
        var untouched = Snapshot(board);
        guide.Install(builds.Amd64Deb);
        guide.Configure();
        guide.StorePassword();
        guide.Start();
        guide.Receive(InstallersGuide.Emotions, 1, TimeSpan.FromSeconds(60));
        Assert.Equal("600", board.Run("stat", "-c", "%a", "/etc/edgeemotion/mqtt-password").Trim());

        // Step 7: remove stops and disables, keeps settings, password and state.
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

    [Fact]
    public void The_package_depends_on_every_library_its_native_code_loads()
    {
        using var board = Boot();
        new InstallersGuide(board).Install(builds.Amd64Deb);
        // Every ELF file resolves all its libraries, and each comes from a package edgeemotion
        // depends on (directly or through them), so apt on a bare board installs them.
        var closure = board.Run("apt-cache", "depends", "--recurse", "--installed", "--no-recommends", "--no-suggests", "--no-conflicts",
                "--no-breaks", "--no-replaces", "--no-enhances", "edgeemotion")
            .Split('\n').Select(l => l.Trim().Split(':')[^1].Trim().Split(':')[0]).Where(l => l.Length > 0 && !l.StartsWith('<')).ToHashSet();
        var ldd = board.Shell("cd /opt/edgeemotion && for f in edgeemotion-daemon createdump *.so; do echo \"== $f\"; ldd \"$f\"; done");
        Assert.DoesNotContain("not found", ldd);
        var libraries = ldd.Split('\n').Where(l => l.Contains("=> /", StringComparison.Ordinal))
            .Select(l => l.Split("=> ")[1].Split(' ')[0]).Where(p => !p.StartsWith("/opt/edgeemotion/", StringComparison.Ordinal)).Distinct().ToList();
        Assert.NotEmpty(libraries);
        var missing = new List<string>();
        foreach (var library in libraries)
        {
            var owner = board.Shell($"dpkg -S \"$(readlink -f {library})\" 2>/dev/null || dpkg -S {library}").Split(':')[0].Trim();
            if (!closure.Contains(owner))
            {
                missing.Add($"{library} ({owner})");
            }
        }
        Assert.True(missing.Count == 0, "not in edgeemotion's dependencies: " + string.Join(", ", missing));
    }

    [Fact]
    public void Without_OpenCVs_libraries_an_opencv_source_is_refused_naming_what_is_missing()
    {
        using var board = Boot();
        new InstallersGuide(board).Install(builds.Amd64Deb);
        board.Run("dpkg", "--force-depends", "-r", "libgtk-3-0");
        var (exit, output) = board.Exec("sh", "-c",
            "cd /opt/edgeemotion && STATE_DIRECTORY=/tmp runuser -u edgeemotion -- /opt/edgeemotion/edgeemotion-daemon --check-config --Source:Uri=opencv:0");
        Assert.Equal(2, exit);
        Assert.Contains("Source:Uri", output);
        Assert.Contains("libgtk-3.so.0", output);
        Assert.Contains("linux-x64", output);
        Assert.DoesNotContain("arm64", output);
    }

    private static long Seq(string window) => JsonDocument.Parse(window).RootElement.GetProperty("seq").GetInt64();

    /// <summary>Every path under the places a package, its scripts and the guide write to,
    /// leaving out the package manager's own records and logs.</summary>
    private static HashSet<string> Snapshot(Board board) =>
        [.. board.Run("sh", "-c", "find /etc /opt /srv /var/lib /usr/lib/sysusers.d /lib/systemd/system -xdev 2>/dev/null | grep -Ev '^/var/lib/(dpkg|apt|systemd/(timers|random-seed|catalog|coredump))(/|$)|^/etc/(passwd|group|shadow|gshadow|subuid|subgid)-?$|^/etc/ld.so.cache$' || true")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)];
}
