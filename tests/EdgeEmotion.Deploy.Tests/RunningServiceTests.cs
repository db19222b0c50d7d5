using System.Text.Json;

namespace EdgeEmotion.Deploy.Tests;

/// <summary>One board set up by the installer's guide (steps 1–3 and 6) with the service
/// running under its shipped unit, shared by the checks of a running service.</summary>
public sealed class RunningBoard : IDisposable
{
    private readonly Board? _board;
    private readonly InstallersGuide? _guide;
    private readonly string[] _windows = [];

    public RunningBoard(PackageBuilds builds)
    {
        // Where nspawn cannot run, each test skips with the reason (a fixture cannot skip).
        if (Board.CannotRun is not null)
        {
            return;
        }
        _board = Board.Boot(builds.DebFolder);
        _guide = InstallersGuide.Installed(_board, builds.Amd64Deb);
        _guide.Start();
        // Two windows: the first can be partial; by the second the pipeline runs steadily.
        _windows = _guide.Receive(InstallersGuide.Emotions, 2, TimeSpan.FromSeconds(60));
    }

    public Board Board => _board ?? Board.Skipped<Board>();

    public InstallersGuide Guide => _guide ?? Board.Skipped<InstallersGuide>();

    public string[] Windows => _board is null ? Board.Skipped<string[]>() : _windows;

    public void Dispose() => _board?.Dispose();
}

/// <summary>The shipped unit, package and README guide under a real systemd (nspawn): the
/// service starts, tells systemd it is ready, publishes and logs what an installer needs. Checks
/// that only read an installed board (the guide's configuration check, the package's library
/// dependencies) run here too, rather than on a board of their own.</summary>
[Trait("Category", "Systemd")]
public sealed class RunningServiceTests(RunningBoard running) : IClassFixture<RunningBoard>
{

    [Fact]
    public void The_service_is_active_and_running_under_its_hardened_unit()
    {
        Assert.Equal("active", running.Board.Property("edgeemotion", "ActiveState"));
        Assert.Equal("running", running.Board.Property("edgeemotion", "SubState"));
        Assert.Equal("0", running.Board.Property("edgeemotion", "NRestarts"));
        Assert.Contains("Active: active (running)", running.Board.Exec("systemctl", "status", "edgeemotion", "--no-pager").Output);
        // The daemon runs as its own user, not root, with the seccomp filter on.
        var pid = running.Board.Property("edgeemotion", "MainPID");
        Assert.Equal("edgeemotion", running.Board.Run("stat", "-c", "%U", $"/proc/{pid}").Trim());
        Assert.Contains("Seccomp:\t2", running.Board.Run("cat", $"/proc/{pid}/status"), StringComparison.Ordinal);
    }

    [Fact]
    public void READY_reaches_systemd_with_the_watchdog_set()
    {
        // A notify unit is "running" only after READY=1 and "Started …" is logged then.
        Assert.Equal("notify", running.Board.Property("edgeemotion", "Type"));
        Assert.Contains(running.Board.Journal("edgeemotion"), r => r.Identifier == "systemd" && r.Message.StartsWith("Started edgeemotion.service", StringComparison.Ordinal));
        // That the daemon pings it is proven by ServiceWatchdogTests.
        Assert.Equal("30s", running.Board.Property("edgeemotion", "WatchdogUSec"));
    }

    [Fact]
    public void Windows_are_published_on_the_devices_emotions_topic()
    {
        foreach (var window in running.Windows)
        {
            using var json = JsonDocument.Parse(window);
            Assert.Equal(InstallersGuide.Device, json.RootElement.GetProperty("device").GetString());
            Assert.Equal(7, json.RootElement.GetProperty("counts").EnumerateObject().Count());
        }
        // The demo pictures are full of faces.
        Assert.Contains(running.Windows, w => JsonDocument.Parse(w).RootElement.GetProperty("faces").GetInt32() > 0);
    }

    [Fact]
    public void The_stats_report_the_package_version()
    {
        var stats = running.Guide.Receive(InstallersGuide.Stats, 1, TimeSpan.FromSeconds(60));
        Assert.Equal(PackageBuilds.Version, JsonDocument.Parse(stats[0]).RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public void The_journal_shows_the_source_the_broker_connection_and_the_windows_as_information()
    {
        var daemon = running.Board.Journal("edgeemotion").Where(r => r.FromDaemon).ToList();
        JournalRecord Line(string what, Func<JournalRecord, bool> match) =>
            daemon.FirstOrDefault(match) ?? throw new Xunit.Sdk.XunitException($"no journal line for {what}:\n{string.Join('\n', daemon.Select(r => $"<{r.Priority}> {r.Message}"))}");

        Assert.Equal(6, Line("the source", r => r.Message.Contains($"images {Board.Demo}", StringComparison.Ordinal)).Priority);
        Assert.Equal(6, Line("the broker connection", r => r.Message.Contains("Connected to MQTT broker 127.0.0.1:1883", StringComparison.Ordinal)).Priority);
        Assert.Equal(6, Line("a window", r => r.Message.Contains(InstallersGuide.Emotions, StringComparison.Ordinal)).Priority);
        // A healthy start logs nothing as an error.
        Assert.DoesNotContain(daemon, r => r.Priority <= 3);
    }

    [Fact]
    public void The_password_reaches_the_broker_as_a_credential_and_never_the_journal()
    {
        // The broker refuses anonymous clients, so the connection and the windows prove the password arrived.
        Assert.NotEmpty(running.Windows);
        Assert.Contains("LoadCredential=mqtt-password:/etc/edgeemotion/mqtt-password", running.Board.Run("systemctl", "cat", "edgeemotion"));
        // Only through the credential: it is in none of the settings, the environment or the command line.
        Assert.DoesNotContain(InstallersGuide.Password, running.Board.Run("cat", InstallersGuide.Settings));
        var pid = running.Board.Property("edgeemotion", "MainPID");
        Assert.DoesNotContain(InstallersGuide.Password, running.Board.Run("cat", $"/proc/{pid}/environ", $"/proc/{pid}/cmdline"));
        Assert.DoesNotContain(InstallersGuide.Password, running.Board.Run("journalctl", "-b", "--no-pager", "-o", "verbose"));
    }

    [Fact]
    public void The_guides_configuration_check_passes_on_a_good_configuration()
    {
        var (exit, output) = running.Guide.CheckConfig();
        Assert.True(exit == 0, output);
        Assert.Contains("Configuration, models and source settings are valid.", output);
        Assert.False(running.Board.Exec("test", "-e", "/state").Exit == 0, "the check wrote a state folder");
    }

    [Fact]
    public void The_package_depends_on_every_library_its_native_code_loads()
    {
        var board = running.Board;
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
}
