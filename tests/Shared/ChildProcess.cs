using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace EdgeEmotion.Tests;

/// <summary>
/// The one way the tests start a program that runs beside them (the daemon, brokers, the RTSP
/// server): its standard output and error are read as they come into <see cref="Output"/>, so a
/// chatty program never blocks on a full pipe and a failing test can show what it said; it is
/// signalled with <c>kill</c> and ended (killed if still running, waited for) when disposed.
/// Programs run to their end use <see cref="Command"/>.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static ChildProcess Start(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }
        return Start(start);
    }

    public static ChildProcess Start(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start"));
    }

    /// <summary>Everything written to standard output and error so far, in arrival order.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>True once the program has ended and its output is read to the end.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }
        _process.WaitForExit(); // drains the output readers
        return true;
    }

    /// <summary>Sends a signal by name (TERM, STOP, CONT…), as systemd or a shell would.</summary>
    public void Signal(string name)
    {
        if (!_process.HasExited)
        {
            // Exec, not Run: the program may end between the check and the signal.
            Command.Exec("kill", [$"-{name}", _process.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>SIGKILL to the program and everything it started; waits for the end.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
