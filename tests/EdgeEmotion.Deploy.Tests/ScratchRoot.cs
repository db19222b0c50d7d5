using System.Security.Cryptography;

namespace EdgeEmotion.Deploy.Tests;

/// <summary>An empty file-system root to install into, with a dpkg database of its own.</summary>
public sealed class ScratchRoot : IDisposable
{
    private readonly TempDirectory _dir = new();

    public ScratchRoot()
    {
        foreach (var d in new[] { "var/lib/dpkg/info", "var/lib/dpkg/updates", "etc" })
        {
            Directory.CreateDirectory(Combine(d));
        }
        File.WriteAllText(Combine("var/lib/dpkg/status"), "");
        File.WriteAllText(Combine("var/lib/dpkg/available"), "");
    }

    public string Path => _dir.Path;

    public string Combine(string relative) => System.IO.Path.Combine(_dir.Path, relative.TrimStart('/'));

    public bool Exists(string relative) => File.Exists(Combine(relative)) || Directory.Exists(Combine(relative));

    /// <summary>dpkg on this root; maintainer scripts run outside a chroot with DPKG_ROOT set.
    /// Dependencies are not checked: the scratch root has no other packages.</summary>
    public string Dpkg(params string[] args) =>
        Command.Run("dpkg", [$"--root={Path}", "--log=/dev/null", "--force-script-chrootless", "--force-depends", .. args], TimeSpan.FromMinutes(3));

    public string[] PasswdLines(string user) =>
        [.. File.ReadLines(Combine("etc/passwd")).Where(l => l.StartsWith(user + ":", StringComparison.Ordinal))];

    public string[] GroupMembers(string group) =>
        File.ReadLines(Combine("etc/group")).Single(l => l.StartsWith(group + ":", StringComparison.Ordinal)).Split(':')[3].Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Path, mode and content hash of every file and link: two equal fingerprints, two equal trees.</summary>
    public string Fingerprint()
    {
        var lines = new List<string>();
        foreach (var entry in new DirectoryInfo(Path).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            var relative = System.IO.Path.GetRelativePath(Path, entry.FullName);
            var content = entry switch
            {
                { LinkTarget: { } target } => "-> " + target,
                FileInfo f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f.FullName))),
                _ => "dir",
            };
            lines.Add($"{relative} {entry.UnixFileMode} {content}");
        }
        return string.Join('\n', lines);
    }

    public void Dispose() => _dir.Dispose();
}
