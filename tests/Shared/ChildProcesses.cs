using System.Diagnostics;

namespace EdgeEmotion.Tests;

/// <summary>Ending the programs the tests start (brokers, RTSP servers): killed if still running,
/// waited for, disposed. One place, so every fixture leaves nothing behind the same way.</summary>
public static class ChildProcesses
{
    public static void KillAndDispose(this Process? process)
    {
        if (process is null)
        {
            return;
        }
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }
        process.Dispose();
    }
}
