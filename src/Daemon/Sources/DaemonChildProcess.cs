using System.Collections.Concurrent;
using System.Diagnostics;

namespace EdgeEmotion.Daemon.Sources;

/// <summary>
/// Starts helper programs (ffmpeg) so that they die with the daemon, even when the daemon is
/// SIGKILLed and gets no chance to stop them. The kernel's parent-death signal (PR_SET_PDEATHSIG)
/// does this, but it must be set inside the child between fork and exec, which .NET's
/// Process.Start cannot do; util-linux's <c>setpriv --pdeathsig KILL</c> (part of every Debian
/// system: util-linux is Essential) sets it and then execs the program in the same process.
/// A process group was not chosen: nobody is left to signal the group when the daemon is
/// SIGKILLed outside systemd (under systemd, the unit's cgroup is killed too).
/// The kernel sends the signal when the THREAD that forked the child ends, not the process, so
/// every child is started from one thread that lives as long as the daemon; starting it from a
/// thread-pool thread would kill ffmpeg whenever the pool retires that thread.
/// </summary>
internal static class DaemonChildProcess
{
    public const string Setpriv = "/usr/bin/setpriv";

    private static readonly BlockingCollection<(ProcessStartInfo Start, TaskCompletionSource<Process> Started)> Requests = [];
    private static readonly Lazy<Thread> Starter = new(() =>
    {
        var thread = new Thread(StartRequests) { IsBackground = true, Name = "child process starter" };
        thread.Start();
        return thread;
    });

    /// <summary>Starts <paramref name="program"/> with <paramref name="arguments"/> under the
    /// parent-death signal; standard output and error are redirected. Standard input is not, unless
    /// <paramref name="standardInput"/> is given: it is written to a pipe only this process and the
    /// child can read (unlike the child's command line and environment), then closed.</summary>
    public static Process Start(string program, IEnumerable<string> arguments, string? standardInput = null)
    {
        if (!File.Exists(Setpriv))
        {
            throw new IOException($"{Setpriv} is missing (Debian package util-linux); it makes helper programs die with the daemon.");
        }
        var start = new ProcessStartInfo(Setpriv)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        if (standardInput is not null)
        {
            start.StandardInputEncoding = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }
        start.ArgumentList.Add("--pdeathsig");
        start.ArgumentList.Add("KILL");
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Starter.Value;
        Requests.Add((start, started));
        var process = started.Task.GetAwaiter().GetResult();
        if (standardInput is not null)
        {
            Feed(process, standardInput);
        }
        return process;
    }

    private static void Feed(Process process, string text)
    {
        try
        {
            // ffmpeg reads its input before anything else: a URL longer than the pipe's buffer waits for that.
            process.StandardInput.Write(text);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child exited before reading; its standard error says why.
        }
    }

    private static void StartRequests()
    {
        foreach (var (start, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                started.SetResult(Process.Start(start)!);
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        }
    }
}
