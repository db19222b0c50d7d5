using System.Diagnostics;
using System.Text.Json;

namespace EdgeEmotion.Deploy.Tests;

/// <summary>
/// A board stand-in: Debian 12 booted under its own systemd by systemd-nspawn, with no network,
/// on a throw-away overlay of the cached root (<c>out/nspawn-root</c>, made by
/// <c>nspawn/make-root.sh</c>). The built packages are at <see cref="Debs"/>, the demo pictures
/// at <see cref="Demo"/>. Commands run inside through nsenter, as an installer's shell would.
/// Seccomp filters, users, StateDirectory, credentials and the watchdog behave as on a board;
/// cgroup limits (MemoryMax, TasksMax) are not enforced under nspawn on these machines.
/// </summary>
public sealed class Board : IDisposable
{
    public const string Debs = "/srv/debs";
    public const string Demo = "/srv/demo";
    private static readonly TimeSpan BootTime = TimeSpan.FromSeconds(60);
    private static readonly string[] SystemBinaries = ["/usr/bin", "/usr/sbin", "/bin", "/sbin"];

    /// <summary>Between tries of a probe that runs a program in the container.</summary>
    public static readonly TimeSpan Probe = TimeSpan.FromMilliseconds(200);
    private static readonly string RootDir = Path.Combine(RepoPaths.Root, "out", "nspawn-root");
    private readonly Process _nspawn;
    private readonly int _init;
    private readonly Queue<string> _console = new();

    private Board(string debFolder)
    {
        var start = new ProcessStartInfo("systemd-nspawn")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        foreach (var a in new[]
        {
            // Boards run side by side (test classes run in parallel): each gets its own machine
            // name, since nspawn keeps per-machine state under /run named after it (by default the
            // root folder's name, the same for every board).
            "-D", RootDir, $"--machine=edgeemotion-board-{Guid.NewGuid().ToString("N")[..8]}",
            "--keep-unit", "--register=no", "--volatile=overlay", "--private-network", "-b", "--console=pipe",
            $"--bind-ro={debFolder}:{Debs}", $"--bind-ro={Path.Combine(RepoPaths.Root, "samples", "demo")}:{Demo}",
            // Reading the kernel clock's state (systemd-time-wait-sync, step 5 of the guide): nspawn's
            // filter refuses the call to a container without CAP_SYS_TIME, which setting the clock
            // still needs, so the host's clock stays out of the container's reach.
            "--system-call-filter=adjtimex clock_adjtime",
        })
        {
            start.ArgumentList.Add(a);
        }
        _nspawn = Process.Start(start) ?? throw new InvalidOperationException("systemd-nspawn did not start");
        // The console is a pipe: drain it so the container never blocks on a full one.
        _nspawn.OutputDataReceived += (_, e) => Remember(e.Data);
        _nspawn.ErrorDataReceived += (_, e) => Remember(e.Data);
        _nspawn.BeginOutputReadLine();
        _nspawn.BeginErrorReadLine();
        try
        {
            _init = Wait.ForBlocking(ContainerInit, "the container's systemd to start", BootTime, every: Probe);
            // "degraded" is fine too: a minimal root has units that fail without hardware.
            // Until the container's D-Bus is up, systemctl cannot ask; then it waits for the boot.
            // Right after the container starts, systemctl can also find no manager yet and say
            // "offline" (seen once in a full run on a loaded machine): ask again until it answers.
            var state = "";
            Wait.UntilBlocking(() =>
            {
                state = Exec("systemctl", "is-system-running", "--wait").Output.Trim();
                return !state.Contains("Failed to connect", StringComparison.Ordinal) && state != "offline";
            }, "the container's systemd to answer", BootTime, every: Probe);
            Assert.True(state is "running" or "degraded", $"the container booted to '{state}'");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private void Remember(string? line)
    {
        lock (_console)
        {
            _console.Enqueue(line ?? "");
            while (_console.Count > 40)
            {
                _console.Dequeue();
            }
        }
    }

    private string Console()
    {
        lock (_console)
        {
            return string.Join('\n', _console);
        }
    }

    /// <summary>Why this machine cannot boot a container, or null when it can.</summary>
    public static string? CannotRun { get; } = FindWhyNot();

    /// <summary>For a fixture that holds a board where none can run: skips the test asking for it
    /// with the reason (a fixture itself cannot skip).</summary>
    public static T Skipped<T>()
    {
        Assert.Skip(CannotRun ?? "no board");
        return default!;
    }

    /// <summary>Boots a fresh board (the cached root is made first if needed), or skips the test
    /// with the reason this machine cannot run one.</summary>
    public static Board Boot(string debFolder)
    {
        Assert.SkipWhen(CannotRun is not null, CannotRun ?? "");
        EnsureRoot();
        return new Board(debFolder);
    }

    private static string? FindWhyNot()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "systemd-nspawn needs Linux";
        }
        if (Environment.UserName != "root")
        {
            return "systemd-nspawn needs root (CI runs as root)";
        }
        foreach (var tool in new[] { "systemd-nspawn", "debootstrap", "nsenter" })
        {
            if (!SystemBinaries.Any(d => File.Exists(Path.Combine(d, tool))))
            {
                return $"{tool} is not installed (bash deploy/install-build-deps.sh installs it)";
            }
        }
        return null;
    }

    private static void EnsureRoot() =>
        Command.Run("bash", [Path.Combine(RepoPaths.Root, "tests", "EdgeEmotion.Deploy.Tests", "nspawn", "make-root.sh"), RootDir],
            TimeSpan.FromMinutes(10));

    /// <summary>The container's PID 1 (systemd), a child of systemd-nspawn, once it runs.</summary>
    private int? ContainerInit()
    {
        if (_nspawn.HasExited)
        {
            throw new InvalidOperationException($"systemd-nspawn exited with {_nspawn.ExitCode}:\n{Console()}");
        }
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ProcStat.Read(pid) is ("systemd", var parent) && parent == _nspawn.Id)
            {
                return pid;
            }
        }
        return null;
    }

    /// <summary>Runs a program inside the container (all its namespaces) to its end.</summary>
    public (int Exit, string Output) Exec(params string[] command) => Exec(TimeSpan.FromMinutes(2), command);

    public (int Exit, string Output) Exec(TimeSpan timeout, params string[] command) =>
        Command.Exec("nsenter", ["-t", _init.ToString(System.Globalization.CultureInfo.InvariantCulture), "-a", "env",
            "DEBIAN_FRONTEND=noninteractive", "SYSTEMD_COLORS=0", "SYSTEMD_PAGER=", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", .. command], timeout);

    /// <summary>Like <see cref="Exec(string[])"/>; a non-zero exit fails the test with the output.</summary>
    public string Run(params string[] command)
    {
        var (exit, output) = Exec(command);
        return exit == 0 ? output : throw new InvalidOperationException($"{string.Join(' ', command)} failed ({exit}) in the container:\n{output}");
    }

    /// <summary>A shell line inside the container, as the installer would type it.</summary>
    public string Shell(string script) => Run("sh", "-ec", script);

    public string Property(string unit, string property) => Run("systemctl", "show", "-p", property, "--value", unit).Trim();

    /// <summary>A test-only drop-in for the edgeemotion unit in /run (gone with the board, outside
    /// what the package and the installer's guide write), for settings whose length is not what a
    /// test checks; systemd reloads it.</summary>
    public void RuntimeDropIn(string name, params string[] serviceLines) => Shell($"""
        mkdir -p /run/systemd/system/edgeemotion.service.d
        printf '[Service]\n{string.Join("\\n", serviceLines)}\n' > /run/systemd/system/edgeemotion.service.d/{name}.conf
        systemctl daemon-reload
        """);

    /// <summary>This boot's journal of a unit: priority and text of each record.</summary>
    public IReadOnlyList<JournalRecord> Journal(string unit)
    {
        var records = new List<JournalRecord>();
        foreach (var line in Run("journalctl", "-b", "-u", unit, "-o", "json", "--no-pager").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var message = root.TryGetProperty("MESSAGE", out var m)
                ? m.ValueKind == JsonValueKind.Array ? System.Text.Encoding.UTF8.GetString([.. m.EnumerateArray().Select(b => b.GetByte())]) : m.GetString() ?? ""
                : "";
            var priority = root.TryGetProperty("PRIORITY", out var p) ? int.Parse(p.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : 6;
            var identifier = root.TryGetProperty("SYSLOG_IDENTIFIER", out var i) ? i.GetString() ?? "" : "";
            var time = DateTimeOffset.UnixEpoch.AddTicks(long.Parse(root.GetProperty("__REALTIME_TIMESTAMP").GetString()!, System.Globalization.CultureInfo.InvariantCulture) * 10);
            records.Add(new JournalRecord(priority, identifier, message, time));
        }
        return records;
    }

    public void Dispose()
    {
        try
        {
            // The container's init dies with the tree; its overlay and namespaces go with it.
            _nspawn.Kill(entireProcessTree: true);
            _nspawn.WaitForExit(30_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _nspawn.Dispose();
    }
}

/// <summary>One journal record: syslog priority (3 error, 4 warning, 6 info), who wrote it, text, when.</summary>
public sealed record JournalRecord(int Priority, string Identifier, string Message, DateTimeOffset Time)
{
    public bool FromDaemon => Identifier == "edgeemotion-daemon";
}
