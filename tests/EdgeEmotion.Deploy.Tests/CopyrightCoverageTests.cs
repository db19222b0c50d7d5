using System.Text.RegularExpressions;

namespace EdgeEmotion.Deploy.Tests;

/// <summary>Every library a package ships that is not this project's own is named in the package's
/// copyright file with its owner and licence. A dependency added to a project ships with the next
/// build; without this check it would sit under the file's <c>Files: *</c> stanza, as if it were ours.</summary>
public sealed class CopyrightCoverageTests(PackageBuilds builds)
{
    [Fact]
    public void Every_library_in_either_package_that_is_not_ours_has_a_stanza_of_its_own()
    {
        var stanzas = FilesPatterns(File.ReadAllText(PackageBuilds.Script("debian", "copyright")));
        var uncovered = new[] { builds.Amd64Deb, builds.CollectorAmd64Deb }
            .SelectMany(Libraries)
            .Where(path => !IsOurs(path) && !stanzas.Any(p => p.IsMatch(path)))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(uncovered.Count == 0, "deploy/debian/copyright names no owner and licence for:\n" + string.Join('\n', uncovered));
    }

    /// <summary>The .dll and .so files of a package, as paths without the leading "./".</summary>
    private static IEnumerable<string> Libraries(string deb) =>
        PackageListing.Modes(deb).Keys.Where(p => p.EndsWith(".dll", StringComparison.Ordinal) || p.EndsWith(".so", StringComparison.Ordinal));

    private static bool IsOurs(string path) =>
        Path.GetFileName(path) is var name && (name.StartsWith("EdgeEmotion.", StringComparison.Ordinal) || name.StartsWith("edgeemotion-", StringComparison.Ordinal));

    /// <summary>The patterns of every <c>Files:</c> field but <c>*</c> (the project's own), as
    /// Debian's copyright format reads them: <c>*</c> any characters, <c>?</c> one.</summary>
    private static List<Regex> FilesPatterns(string copyright)
    {
        var patterns = new List<Regex>();
        var lines = copyright.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("Files:", StringComparison.Ordinal))
            {
                continue;
            }
            var globs = lines[i]["Files:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            while (i + 1 < lines.Length && lines[i + 1].StartsWith(' '))
            {
                globs.AddRange(lines[++i].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            patterns.AddRange(globs.Where(g => g != "*")
                .Select(g => new Regex("^" + Regex.Escape(g).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.CultureInvariant)));
        }
        return patterns;
    }
}
