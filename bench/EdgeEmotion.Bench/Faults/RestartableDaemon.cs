using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace EdgeEmotion.Bench.Faults;

/// <summary>
/// The daemon process across the run's restarts, on one state directory: started, SIGKILLed and
/// started again, stopped with SIGTERM at the end; an exit nobody asked for is noticed and
/// restarted as systemd's <c>Restart=on-failure</c> would. Every line it prints goes to a log file
/// (prefixed with the run's number); warnings and errors are echoed live; the messages it logs as
/// acknowledged by the broker are passed on, so a missing one can be placed before or after the broker.
/// </summary>
public sealed class RestartableDaemon : IDisposable
{
    private readonly IReadOnlyList<string> _settings;
    private readonly StreamWriter _log;
    private readonly Action<string> _echo;
    private readonly Action<string, long> _acknowledged;
    private Process? _process;
    private bool _expectExit;
    private bool _closed;

    public RestartableDaemon(IReadOnlyList<string> settings, string logPath, Action<string> echo, Action<string, long> acknowledged)
    {
        _settings = settings;
        _log = new StreamWriter(logPath) { AutoFlush = true };
        _echo = echo;
        _acknowledged = acknowledged;
    }

    public int Starts { get; private set; }

    /// <summary>Exits nobody asked for, with their exit codes.</summary>
    public List<int> UnexpectedExits { get; } = [];

    private int _warningLines;
    private int _errorLines;

    public int WarningLines => Volatile.Read(ref _warningLines);

    public int ErrorLines => Volatile.Read(ref _errorLines);

    private int _lostAtStop;

    /// <summary>Messages the daemon said it lost at a stop (they lived only in memory: the disk was full).</summary>
    public int LostAtStop => Volatile.Read(ref _lostAtStop);

    public bool IsRunning => _process is { HasExited: false };

    public void Start()
    {
        var run = Starts + 1;
        Process process;
        try
        {
            process = Process.Start(DaemonLaunch.StartInfo(_settings)) ?? throw new InvalidOperationException("edgeemotion-daemon did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"edgeemotion-daemon: cannot run it beside the benchmark ({ex.Message}); build the bench project first.", ex);
        }
        _process?.Dispose();
        process.OutputDataReceived += (_, e) => Line(run, e.Data);
        process.ErrorDataReceived += (_, e) => Line(run, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        _expectExit = false;
        Starts = run;
    }

    /// <summary>SIGKILL: the OOM killer, a watchdog kill or a power cut, with no chance to clean up.</summary>
    public void Kill()
    {
        _expectExit = true;
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    /// <summary>SIGTERM, as systemd stops the service; false when it did not exit in time (then killed).</summary>
    public bool Terminate(TimeSpan timeout)
    {
        _expectExit = true;
        if (_process is not { HasExited: false })
        {
            return true;
        }
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }
        if (_process.WaitForExit(timeout))
        {
            _process.WaitForExit(); // drains the output readers
            return true;
        }
        Kill();
        return false;
    }

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>Notices an exit nobody asked for: records it and starts the daemon again.</summary>
    public bool RestartIfItDied()
    {
        if (_expectExit || _process is not { HasExited: true } died)
        {
            return false;
        }
        died.WaitForExit();
        UnexpectedExits.Add(died.ExitCode);
        Echo($"daemon exited by itself with code {died.ExitCode}; starting it again (as Restart=on-failure would)");
        Start();
        return true;
    }

    public double? ResidentMegabytes() => _process is null ? null : DaemonLaunch.ResidentMegabytes(_process);

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        lock (_log)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private void Line(int run, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            if (_closed)
            {
                return; // the last lines of a process killed at the end
            }
            _log.WriteLine($"[run {run}] {line}");
        }
        if (line.Contains(" warn: ", StringComparison.Ordinal) || line.Contains(" fail: ", StringComparison.Ordinal) || line.Contains(" crit: ", StringComparison.Ordinal))
        {
            if (line.Contains(" warn: ", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _warningLines);
            }
            else
            {
                Interlocked.Increment(ref _errorLines);
            }
            Echo($"[run {run}] {line}");
        }
        else if (!line.Contains(" info: ", StringComparison.Ordinal) && !line.StartsWith(' '))
        {
            Echo($"[run {run}] {line}"); // not a log line: a crash or a runtime message
        }
        const string Loses = "Stopping loses ";
        var loses = line.IndexOf(Loses, StringComparison.Ordinal);
        var rest = loses < 0 ? "" : line[(loses + Loses.Length)..];
        if (rest.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space && int.TryParse(rest[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var lost))
        {
            Interlocked.Add(ref _lostAtStop, lost);
        }
        if (AcknowledgedMessage(line) is { } acked)
        {
            _acknowledged(acked.Stream, acked.Seq);
        }
    }

    private void Echo(string text) => _echo(text);

    /// <summary>The stream and seq of a "Published {prefix}/{device}/{stream}: {json}" line.</summary>
    private static (string Stream, long Seq)? AcknowledgedMessage(string line)
    {
        var published = line.IndexOf("Published ", StringComparison.Ordinal);
        var colon = published < 0 ? -1 : line.IndexOf(": {", published, StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }
        var topic = line[(published + "Published ".Length)..colon];
        var stream = topic[(topic.LastIndexOf('/') + 1)..];
        try
        {
            using var json = JsonDocument.Parse(line[(colon + 2)..]);
            return json.RootElement.TryGetProperty("seq", out var s) && s.TryGetInt64(out var seq) ? (stream, seq) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
