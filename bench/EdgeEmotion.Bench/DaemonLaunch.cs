using System.Diagnostics;

namespace EdgeEmotion.Bench;

/// <summary>How the benchmarks start the daemon: the built <c>edgeemotion-daemon</c> program beside
/// the benchmark, or a published one (as installers run it, its own process), and how they read its memory.</summary>
public static class DaemonLaunch
{
    /// <summary>The looped demo pictures copied beside the benchmark.</summary>
    public static string DemoPictures => Path.Combine(AppContext.BaseDirectory, "samples", "demo");

    /// <param name="settings">The daemon's command-line settings.</param>
    /// <param name="directory">A published daemon's folder (deploy/publish.sh's output: its own
    /// runtime, models and demo pictures); null: the daemon built beside the benchmark.</param>
    public static ProcessStartInfo StartInfo(IEnumerable<string> settings, string? directory = null)
    {
        var folder = directory is null ? AppContext.BaseDirectory : Path.GetFullPath(directory);
        var start = new ProcessStartInfo(Path.Combine(folder, "edgeemotion-daemon"))
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Started from a systemd session, the daemon would otherwise notify that unit's watchdog.
        start.Environment.Remove("NOTIFY_SOCKET");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }
        return start;
    }

    /// <summary>The daemon's resident memory (VmRSS, what the daemon's own stats report); null once it is gone.</summary>
    public static double? ResidentMegabytes(Process daemon)
    {
        try
        {
            daemon.Refresh();
            return daemon.HasExited ? null : daemon.WorkingSet64 / 1048576.0;
        }
        catch (InvalidOperationException)
        {
            return null; // exited between the check and the read
        }
    }
}
