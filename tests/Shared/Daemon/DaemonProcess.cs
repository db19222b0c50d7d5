using System.Diagnostics;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>The built <c>edgeemotion-daemon</c> run as a separate process (a <see cref="ChildProcess"/>), output captured.</summary>
public sealed class DaemonProcess : IDisposable
{
    private readonly ChildProcess _process;

    private DaemonProcess(ChildProcess process) => _process = process;

    public string Output => _process.Output;

    public static DaemonProcess Start(params string[] args) => Start(args, null, null);

    public static DaemonProcess Start(string[] args, IReadOnlyDictionary<string, string>? environment, string? workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory };
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
        // Not the systemd this test run may itself be under; a fake one the test set is kept.
        if (start.Environment.TryGetValue("NOTIFY_SOCKET", out var socket) && socket == Environment.GetEnvironmentVariable("NOTIFY_SOCKET"))
        {
            start.Environment.Remove("NOTIFY_SOCKET");
        }
        return new DaemonProcess(ChildProcess.Start(start));
    }

    /// <summary>SIGTERM, as systemd stops the service, then waits for the exit.</summary>
    /// <summary>What the unit allows a stop (TimeoutStopSec in deploy/systemd/edgeemotion.service)
    /// before systemd kills the daemon: the bound for a test that needs it gone, not one that
    /// checks how fast it goes.</summary>
    public static readonly TimeSpan UnitStopTimeout = TimeSpan.FromSeconds(20);

    /// <summary>SIGTERM, then true once the daemon has exited within <paramref name="timeout"/>.</summary>
    public bool Terminate(TimeSpan timeout)
    {
        _process.Signal("TERM");
        return _process.WaitForExit(timeout);
    }

    /// <summary>Runs to completion and returns the exit code.</summary>
    public static (int Exit, string Output) Run(TimeSpan timeout, params string[] args)
    {
        using var daemon = Start(args);
        if (!daemon.WaitForExit(timeout))
        {
            daemon.Kill();
            throw new TimeoutException($"daemon did not exit within {timeout}: {daemon.Output}");
        }
        return (daemon.ExitCode, daemon.Output);
    }

    public int Id => _process.Id;

    /// <summary>Waits until <paramref name="condition"/> holds for the captured output or the
    /// process exits; false if it does not hold by then or after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForOutputAsync(Func<string, bool> condition, TimeSpan timeout)
    {
        try
        {
            await Wait.Until(() => condition(Output) || _process.HasExited, "the daemon's output", timeout);
        }
        catch (TimeoutException)
        {
            return false;
        }
        if (_process.HasExited)
        {
            _process.WaitForExit(TimeSpan.FromSeconds(30)); // drains the output readers
        }
        return condition(Output);
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public void Kill() => _process.Kill();

    public void Dispose() => _process.Dispose();
}
