namespace EdgeEmotion.Deploy.Tests;

/// <summary>What a package holds, from <c>dpkg-deb -c</c>: each path (without the leading "./";
/// folders end in "/", a link is its own path) with its mode.</summary>
internal static class PackageListing
{
    public static Dictionary<string, string> Modes(string deb) =>
        Command.Run("dpkg-deb", ["-c", deb], TimeSpan.FromMinutes(1)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => (Mode: l.Split(' ')[0], Path: l[(l.IndexOf(" ./", StringComparison.Ordinal) + 3)..].Split(" -> ")[0]))
            .ToDictionary(e => e.Path, e => e.Mode);
}
