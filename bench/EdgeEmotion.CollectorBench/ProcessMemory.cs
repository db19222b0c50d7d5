using System.Globalization;

namespace EdgeEmotion.CollectorBench;

/// <summary>A process's resident memory from /proc/pid/status, in MB: now (VmRSS) and the highest
/// it has been (VmHWM), so that a burst between two readings counts too.</summary>
internal static class ProcessMemory
{
    public static double ResidentMb(int pid) => Field(pid, "VmRSS:");

    public static double PeakResidentMb(int pid) => Field(pid, "VmHWM:");

    private static double Field(int pid, string name)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(name, StringComparison.Ordinal));
            return long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
