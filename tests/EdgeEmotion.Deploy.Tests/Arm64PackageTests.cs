namespace EdgeEmotion.Deploy.Tests;

/// <summary>The arm64 package (a class of its own: it waits for the self-contained arm64 build,
/// which the daemon's arm64 proofs also ask for, and runs beside the other classes meanwhile).</summary>
public sealed class Arm64PackageTests(PackageBuilds builds)
{
    [Fact]
    public void The_arm64_package_carries_an_arm64_daemon_in_the_same_layout()
    {
        Assert.Equal("arm64", Command.Run("dpkg-deb", ["-f", builds.Arm64Deb, "Architecture"], TimeSpan.FromSeconds(30)).Trim());
        var contents = Command.Run("dpkg-deb", ["-c", builds.Arm64Deb], TimeSpan.FromMinutes(1));
        foreach (var path in new[] { "./opt/edgeemotion/edgeemotion-daemon", "./opt/edgeemotion/libonnxruntime.so", "./opt/edgeemotion/models/emotion-int8.onnx", "./" + DebianPackageTests.Config, "./lib/systemd/system/edgeemotion.service", "./usr/lib/sysusers.d/edgeemotion.conf" })
        {
            Assert.Contains(" " + path + "\n", contents.Replace(" -> ", "\n"));
        }
        Assert.Equal("/" + DebianPackageTests.Config, Command.Run("sh", ["-c", $"dpkg-deb --ctrl-tarfile '{builds.Arm64Deb}' | tar -xOf - ./conffiles"], TimeSpan.FromSeconds(30)).Trim());

        using var unpacked = new TempDirectory();
        Command.Run("dpkg-deb", ["-x", builds.Arm64Deb, unpacked.Path], TimeSpan.FromMinutes(2));
        Assert.Contains("ARM aarch64", Command.Run("file", [unpacked.Combine("opt", "edgeemotion", "edgeemotion-daemon")], TimeSpan.FromSeconds(10)));
        Assert.Contains("ARM aarch64", Command.Run("file", [unpacked.Combine("opt", "edgeemotion", "libonnxruntime.so")], TimeSpan.FromSeconds(10)));
    }
}
