namespace EdgeEmotion.Tests;

/// <summary>A process's name, parent and resident memory from <c>/proc/&lt;pid&gt;/stat</c> ("pid (comm) state ppid …"),
/// and its highest resident memory from <c>/proc/&lt;pid&gt;/status</c>.
/// The name may hold spaces and parentheses, so the fields after it are read after the last ')'.</summary>
public static class ProcStat
{
    // Field 24 of stat (rss, in pages), counted from the state field (3) that follows the name.
    private const int RssAfterName = 24 - 3;

    /// <returns>Null when the process has ended or cannot be read.</returns>
    public static (string Name, int Parent)? Read(int pid)
    {
        if (ReadStat(pid) is not { } stat)
        {
            return null;
        }
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return null;
        }
        var afterName = stat[(close + 2)..].Split(' ');
        return int.TryParse(afterName[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parent)
            ? (stat[(open + 1)..close], parent)
            : null;
    }

    /// <summary>Resident memory in bytes (what <c>ps</c> shows as RSS); null once the process has ended.</summary>
    public static long? ResidentBytes(int pid)
    {
        if (ReadStat(pid) is not { } stat)
        {
            return null;
        }
        var afterName = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.TryParse(afterName[RssAfterName], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pages)
            ? pages * Environment.SystemPageSize
            : null;
    }

    /// <summary>The highest resident memory the process has had (VmHWM of <c>/proc/&lt;pid&gt;/status</c>),
    /// so that a peak between two readings counts too; null once the process has ended.</summary>
    public static long? PeakResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ReadStat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
