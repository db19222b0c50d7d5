using System.Globalization;

namespace EdgeEmotion.CollectorBench;

/// <summary>The machine's load average (1, 5 and 15 minutes), printed beside every figure: on a
/// shared machine wall-clock time depends on it, CPU time much less.</summary>
internal static class LoadAverage
{
    public static string Now()
    {
        var fields = File.ReadAllText("/proc/loadavg").Split(' ');
        return string.Create(CultureInfo.InvariantCulture, $"{fields[0]} {fields[1]} {fields[2]}");
    }
}
