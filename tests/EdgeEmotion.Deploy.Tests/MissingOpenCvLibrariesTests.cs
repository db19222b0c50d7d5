namespace EdgeEmotion.Deploy.Tests;

/// <summary>The installed package on a board that lost one of OpenCV's libraries (nspawn, a fresh
/// board, since the test removes a system package).</summary>
[Trait("Category", "Systemd")]
public sealed class MissingOpenCvLibrariesTests(PackageBuilds builds)
{
    [Fact]
    public void Without_OpenCVs_libraries_an_opencv_source_is_refused_naming_what_is_missing()
    {
        using var board = Board.Boot(builds.DebFolder);
        new InstallersGuide(board).Install(builds.Amd64Deb);
        board.Run("dpkg", "--force-depends", "-r", "libgtk-3-0");
        var (exit, output) = board.Exec("sh", "-c",
            "cd /opt/edgeemotion && STATE_DIRECTORY=/tmp runuser -u edgeemotion -- /opt/edgeemotion/edgeemotion-daemon --check-config --Source:Uri=opencv:0");
        Assert.Equal(2, exit);
        Assert.Contains("Source:Uri", output);
        Assert.Contains("libgtk-3.so.0", output);
        Assert.Contains("linux-x64", output);
        Assert.DoesNotContain("arm64", output);
    }
}
