namespace EdgeEmotion.Deploy.Tests;

/// <summary>The installed package on a board that lost one of OpenCV's libraries (nspawn, a fresh
/// board, since the test removes a system package).</summary>
[Trait("Category", "Systemd")]
public sealed class MissingOpenCvLibrariesTests(PackageBuilds builds)
{
    [Fact]
    public void Without_OpenCVs_libraries_an_opencv_source_is_refused_naming_what_is_missing_and_network_cameras_pass()
    {
        using var board = Board.Boot(builds.DebFolder);
        new InstallersGuide(board).Install(builds.Amd64Deb);
        board.Run("dpkg", "--force-depends", "-r", "libgtk-3-0");
        (int Exit, string Output) CheckConfig(string source) => board.Exec("sh", "-c",
            $"cd /opt/edgeemotion && STATE_DIRECTORY=/tmp runuser -u edgeemotion -- /opt/edgeemotion/edgeemotion-daemon --check-config --Source:Uri={source}");

        var (exit, output) = CheckConfig("opencv:0");
        Assert.Equal(2, exit);
        Assert.Contains("Source:Uri", output);
        Assert.Contains("libgtk-3.so.0", output);
        Assert.Contains("linux-x64", output);
        Assert.DoesNotContain("arm64", output);

        // RTSP is played by ffmpeg and an IP camera's MJPEG stream by the daemon: neither needs
        // OpenCV, so both pass where it cannot load (as on an arm64 board, which has no OpenCV).
        // The board's minimal root has no ffmpeg; the check only asks that the program exists, so
        // a stand-in is named: what is checked here is that OpenCV is not asked for.
        foreach (var camera in new[] { "rtsp://camera.local/stream --Source:FfmpegPath=/usr/bin/true", "http://camera.local/video.mjpg" })
        {
            var check = CheckConfig(camera);
            Assert.True(check.Exit == 0, $"{camera}: {check.Output}");
        }
    }
}
