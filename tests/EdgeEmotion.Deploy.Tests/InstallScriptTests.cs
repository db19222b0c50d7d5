namespace EdgeEmotion.Deploy.Tests;

/// <summary><c>deploy/install.sh</c> for systems without dpkg, run into a scratch root.</summary>
public sealed class InstallScriptTests(PackageBuilds builds)
{
    private const string Config = "etc/edgeemotion/edgeemotion.json";

    private static string Install(ScratchRoot root, params string[] extra) =>
        Command.Run("bash", [PackageBuilds.Script("install.sh"), "--root", root.Path, .. extra], TimeSpan.FromMinutes(3));

    [Fact]
    public void Installing_twice_changes_nothing_and_an_edited_config_survives_upgrade()
    {
        using var root = new ScratchRoot();
        Install(root, "--from", builds.X64);
        var first = root.Fingerprint();
        Install(root, "--from", builds.X64);
        Assert.Equal(first, root.Fingerprint());

        Assert.True(root.Exists("opt/edgeemotion/edgeemotion-daemon"));
        Assert.True(root.Exists("etc/systemd/system/edgeemotion.service"));
        Assert.Equal("/etc/systemd/system/edgeemotion.service", new FileInfo(root.Combine("etc/systemd/system/multi-user.target.wants/edgeemotion.service")).LinkTarget);
        Assert.Single(root.PasswdLines("edgeemotion"));
        Assert.Contains("edgeemotion", root.GroupMembers("video"));

        File.WriteAllText(root.Combine(Config), "{ \"DeviceId\": \"kiosk-7\" }");
        Install(root, "--from", builds.X64);
        Assert.Equal("{ \"DeviceId\": \"kiosk-7\" }", File.ReadAllText(root.Combine(Config)));
        Assert.Equal(File.ReadAllText(PackageBuilds.Script("edgeemotion.json")), File.ReadAllText(root.Combine(Config + ".dist")));
        Assert.False(root.Exists("opt/edgeemotion.new") || root.Exists("opt/edgeemotion.old"));
    }

    [Fact]
    public void Uninstall_keeps_the_config_and_purge_removes_it_with_the_state()
    {
        using var root = new ScratchRoot();
        Install(root, "--from", builds.X64);
        Directory.CreateDirectory(root.Combine("var/lib/edgeemotion"));
        File.WriteAllText(root.Combine("var/lib/edgeemotion/seq"), "7");

        Install(root, "--uninstall");
        Assert.False(root.Exists("opt/edgeemotion"));
        Assert.False(root.Exists("etc/systemd/system/edgeemotion.service"));
        Assert.False(root.Exists("etc/systemd/system/multi-user.target.wants/edgeemotion.service"));
        Assert.True(root.Exists(Config));

        Directory.CreateDirectory(root.Combine("etc/systemd/system/edgeemotion.service.d"));
        File.WriteAllText(root.Combine("etc/systemd/system/edgeemotion.service.d/credentials.conf"), "[Service]\nLoadCredential=mqtt-password:/etc/edgeemotion/mqtt-password\n");
        Install(root, "--uninstall", "--purge");
        Assert.False(root.Exists("etc/systemd/system/edgeemotion.service.d"));
        Assert.False(root.Exists("etc/edgeemotion"));
        Assert.False(root.Exists("var/lib/edgeemotion"));
    }

    [Fact]
    public void A_folder_without_a_build_is_refused_with_a_clear_message()
    {
        using var root = new ScratchRoot();
        using var empty = new TempDirectory();
        var (exit, output) = Command.Exec("bash", [PackageBuilds.Script("install.sh"), "--root", root.Path, "--from", empty.Path], TimeSpan.FromMinutes(1));
        Assert.NotEqual(0, exit);
        Assert.Contains("has no edgeemotion-daemon", output);
        Assert.False(root.Exists("opt/edgeemotion"));
    }
}
