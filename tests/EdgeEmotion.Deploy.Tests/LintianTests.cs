namespace EdgeEmotion.Deploy.Tests;

/// <summary>Lintian on the amd64 package (a class of its own: lintian reads the whole package, a
/// minute or more of one core, and runs beside the other classes).</summary>
[RunsForMinutes]
public sealed class LintianTests(PackageBuilds builds)
{
    /// <summary>What lintian may still say, each for a reason given in deploy/README.md.</summary>
    private static readonly string[] AcceptedLintianTags =
        ["dir-or-file-in-opt", "embedded-library", "bogus-mail-host", "bogus-mail-host-in-debian-changelog"];

    [Fact]
    public void Lintian_reports_only_what_deploy_README_explains()
    {
        var (_, output) = Command.Exec("lintian", [builds.Amd64Deb], TimeSpan.FromMinutes(5));
        // Lines look like "E: edgeemotion: tag-name detail [path]".
        var tags = output.Split('\n')
            .Where(l => l.Length > 3 && l[1] == ':' && "EWIPX".Contains(l[0]))
            .Select(l => l.Split(' ')[2]).Distinct().ToList();
        Assert.True(tags.All(AcceptedLintianTags.Contains), "lintian says more than deploy/README.md explains:\n" + output);
    }
}
