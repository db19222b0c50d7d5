namespace EdgeEmotion.Deploy.Tests;

/// <summary>The Debian packages, installed with dpkg into a scratch root: layout, conffile kept
/// on upgrade, user and enabled unit, removal and purge. Lintian's verdict and the arm64 package
/// are classes of their own (<see cref="LintianTests"/>, <see cref="Arm64PackageTests"/>): each
/// takes a minute or more, and as classes they run beside the others rather than after them.</summary>
public sealed class DebianPackageTests(PackageBuilds builds)
{
    internal const string Config = "etc/edgeemotion/edgeemotion.json";
    private const string Wants = "etc/systemd/system/multi-user.target.wants/edgeemotion.service";

    [Fact]
    public void The_amd64_package_installs_upgrades_keeping_the_config_and_purges_the_state()
    {
        using var root = new ScratchRoot();
        root.Dpkg("-i", builds.Amd64Deb);

        Assert.Contains("Status: install ok installed", root.Dpkg("-s", "edgeemotion"));
        Assert.True(root.Exists("opt/edgeemotion/edgeemotion-daemon"));
        Assert.True(root.Exists("opt/edgeemotion/models/emotion-int8.onnx"));
        Assert.True(root.Exists("opt/edgeemotion/models/yunet-n-dynamic.onnx"));
        Assert.True(root.Exists("lib/systemd/system/edgeemotion.service"));
        Assert.Equal(File.ReadAllText(PackageBuilds.Script("edgeemotion.json")), File.ReadAllText(root.Combine(Config)));
        Assert.Equal("/lib/systemd/system/edgeemotion.service", new FileInfo(root.Combine(Wants)).LinkTarget);
        Assert.Single(root.PasswdLines("edgeemotion"));
        Assert.Contains("edgeemotion", root.GroupMembers("video"));
        Assert.Contains("edgeemotion", root.GroupMembers("gpio"));
        Assert.Contains("/etc/edgeemotion/edgeemotion.json", root.Dpkg("--status", "edgeemotion"));

        // The installed program runs: it checks its shipped settings and models.
        var (exit, output) = Command.Exec(root.Combine("opt/edgeemotion/edgeemotion-daemon"),
            ["--check-config", "--Source:Uri=images://samples/demo"], TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, output);

        // The installer edits the config and the daemon has state; an upgrade keeps both.
        const string Edited = "{ \"DeviceId\": \"kiosk-7\", \"Mqtt\": { \"Host\": \"broker.example\" } }\n";
        File.WriteAllText(root.Combine(Config), Edited);
        Directory.CreateDirectory(root.Combine("var/lib/edgeemotion/outbox"));
        File.WriteAllText(root.Combine("var/lib/edgeemotion/seq"), "41");
        root.Dpkg("-i", builds.Amd64DebUpgrade);
        Assert.Contains($"Version: {PackageBuilds.UpgradeVersion}", root.Dpkg("-s", "edgeemotion"));
        Assert.Equal(Edited, File.ReadAllText(root.Combine(Config)));
        Assert.Equal("41", File.ReadAllText(root.Combine("var/lib/edgeemotion/seq")));
        Assert.Single(root.PasswdLines("edgeemotion"));

        // Remove: the program and the enablement go, the config and the state stay.
        root.Dpkg("-r", "edgeemotion");
        Assert.False(root.Exists("opt/edgeemotion/edgeemotion-daemon"));
        Assert.False(root.Exists("lib/systemd/system/edgeemotion.service"));
        Assert.False(File.Exists(root.Combine(Wants)) || new FileInfo(root.Combine(Wants)).LinkTarget is not null);
        Assert.Equal(Edited, File.ReadAllText(root.Combine(Config)));
        Assert.True(root.Exists("var/lib/edgeemotion/seq"));

        // Purge: config, credentials and state go too.
        File.WriteAllText(root.Combine("etc/edgeemotion/mqtt-password"), "secret");
        Directory.CreateDirectory(root.Combine("etc/systemd/system/edgeemotion.service.d"));
        File.WriteAllText(root.Combine("etc/systemd/system/edgeemotion.service.d/credentials.conf"), "[Service]\n");
        root.Dpkg("-P", "edgeemotion");
        Assert.False(root.Exists("etc/systemd/system/edgeemotion.service.d"));
        Assert.False(root.Exists("etc/edgeemotion"));
        Assert.False(root.Exists("var/lib/edgeemotion"));
        Assert.DoesNotContain("edgeemotion", Command.Exec("dpkg", [$"--root={root.Path}", "-l"], TimeSpan.FromSeconds(30)).Output);
    }

    [Fact]
    public void The_package_carries_its_copyright_and_changelog_and_Debian_file_modes()
    {
        AssertModes(builds.Amd64Deb, executables: ["opt/edgeemotion/edgeemotion-daemon"],
            data: ["usr/share/doc/edgeemotion/copyright", "usr/share/doc/edgeemotion/changelog.gz", "opt/edgeemotion/libonnxruntime.so", "opt/edgeemotion/EdgeEmotion.Core.dll", "opt/edgeemotion/models/emotion-int8.onnx"]);
        var depends = Command.Run("dpkg-deb", ["-f", builds.Amd64Deb, "Depends"], TimeSpan.FromSeconds(30));
        Assert.Contains("libgtk-3-0", depends);
    }

    /// <summary>The collector's package, made by the same package steps (deploy/debian/package-common.sh)
    /// in its own layout: its program under /opt/edgeemotion/collector, its settings folder and unit,
    /// no camera stack.</summary>
    [Fact]
    public void The_collector_package_carries_its_program_unit_copyright_and_changelog_with_Debian_file_modes()
    {
        var deb = builds.CollectorAmd64Deb;
        var modes = AssertModes(deb, executables: ["opt/edgeemotion/collector/edgeemotion-collector"],
            data: ["opt/edgeemotion/collector/edgeemotion-collector.dll", "opt/edgeemotion/collector/README.md", "lib/systemd/system/edgeemotion-collector.service",
                "usr/share/doc/edgeemotion-collector/copyright", "usr/share/doc/edgeemotion-collector/changelog.gz"]);
        Assert.Equal("drwxr-xr-x", modes["etc/edgeemotion-collector/"]);
        Assert.False(modes.ContainsKey("opt/edgeemotion/collector/libcoreclrtraceptprovider.so"));
        string Field(string name) => Command.Run("dpkg-deb", ["-f", deb, name], TimeSpan.FromSeconds(30)).Trim();
        Assert.Equal(("edgeemotion-collector", PackageBuilds.Version, "amd64"), (Field("Package"), Field("Version"), Field("Architecture")));
        Assert.DoesNotContain("libgtk-3-0", Field("Depends"));
    }

    /// <summary>Debian's file modes: <paramref name="executables"/> 0755, <paramref name="data"/> 0644.
    /// Returns every path's mode (as listed, without the leading "./"; folders end in "/").</summary>
    private static Dictionary<string, string> AssertModes(string deb, string[] executables, string[] data)
    {
        var modes = PackageListing.Modes(deb);
        Assert.All(executables, path => Assert.Equal("-rwxr-xr-x", modes[path]));
        Assert.All(data, path => Assert.Equal("-rw-r--r--", modes[path]));
        return modes;
    }
}
