using System.Diagnostics;
using System.Text;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>The built <c>edgeemotion-daemon</c> run as a separate process, output captured.</summary>
public sealed class DaemonProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DaemonProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

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

    public static DaemonProcess Start(params string[] args) => Start(args, null, null);

    public static DaemonProcess Start(string[] args, IReadOnlyDictionary<string, string>? environment, string? workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgeemotion-daemon.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        return Start(start);
    }

    /// <summary>Starts any command line that runs the daemon (a published build, an emulator).</summary>
    public static DaemonProcess Start(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment.Remove("NOTIFY_SOCKET");
        return new DaemonProcess(Process.Start(start)!);
    }

    /// <summary>SIGTERM, as systemd stops the service, then waits for the exit.</summary>
    public bool Terminate(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        }
        return _process.WaitForExit(timeout);
    }

    /// <summary>Runs to completion and returns the exit code.</summary>
    public static (int Exit, string Output) Run(TimeSpan timeout, params string[] args)
    {
        using var daemon = Start(args);
        if (!daemon._process.WaitForExit(timeout))
        {
            daemon.Kill();
            throw new TimeoutException($"daemon did not exit within {timeout}: {daemon.Output}");
        }
        daemon._process.WaitForExit();
        return (daemon._process.ExitCode, daemon.Output);
    }

    public int Id => _process.Id;

    /// <summary>Polls the captured output until <paramref name="condition"/> holds or the process
    /// exits; false after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForOutputAsync(Func<string, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition(Output))
            {
                return true;
            }
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the output readers
                return condition(Output);
            }
            await Task.Delay(100);
        }
        return condition(Output);
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }
        _process.WaitForExit(); // drains the output readers
        return true;
    }

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
}
