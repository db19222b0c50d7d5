namespace EdgeEmotion.Tests;

/// <summary>A process's name and parent from <c>/proc/&lt;pid&gt;/stat</c> ("pid (comm) state ppid …").
/// The name may hold spaces and parentheses, so the fields after it are read after the last ')'.</summary>
public static class ProcStat
{
    /// <returns>Null when the process has ended or cannot be read.</returns>
    public static (string Name, int Parent)? Read(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
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
}
