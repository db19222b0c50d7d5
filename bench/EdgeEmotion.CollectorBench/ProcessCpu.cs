using System.Globalization;

namespace EdgeEmotion.CollectorBench;

/// <summary>CPU seconds (user and system) from /proc: clock ticks, 100 a second on Linux.</summary>
internal static class ProcessCpu
{
    /// <summary>A process's own time.</summary>
    public static double Seconds(int pid) => Fields(pid) is { } f ? (Tick(f[11]) + Tick(f[12])) / 100.0 : 0;

    /// <summary>A server and its workers: its own time, that of the children it has reaped (a
    /// closed connection's backend) and that of its children running now.</summary>
    public static double TreeSeconds(int pid)
    {
        if (Fields(pid) is not { } own)
        {
            return 0;
        }
        var total = Tick(own[11]) + Tick(own[12]) + Tick(own[13]) + Tick(own[14]);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var child) && Fields(child) is { } f && f[1] == pid.ToString(CultureInfo.InvariantCulture))
            {
                total += Tick(f[11]) + Tick(f[12]);
            }
        }
        return total / 100.0;
    }

    /// <summary>/proc/pid/stat after the command's ")": state is [0], ppid [1], utime [11],
    /// stime [12], cutime [13], cstime [14]; null once the process is gone.</summary>
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long Tick(string field) => long.Parse(field, CultureInfo.InvariantCulture);
}
