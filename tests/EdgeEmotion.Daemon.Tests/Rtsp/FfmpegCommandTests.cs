using EdgeEmotion.Daemon.Sources;
using EdgeEmotion.Hosting;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>ffmpeg's command line per source, its error lines turned into one clear line, and
/// credentials masked in the lines it writes.</summary>
public sealed class FfmpegCommandTests
{
    private static readonly FfmpegCommand Command = new(640, 480, 15, "");

    [Fact]
    public void Rtsp_goes_over_tcp_is_thinned_to_the_analysis_rate_and_decoded_to_gray_of_the_exact_size()
    {
        var args = Command.Arguments(SourceUri.Parse("rtsp://u:p@cam/s"), "rtsp://u:p@cam/s");
        Assert.Equal("tcp", args[args.ToList().IndexOf("-rtsp_transport") + 1]);
        Assert.True(args.ToList().IndexOf("-rtsp_transport") < args.ToList().IndexOf("-i"));
        Assert.Equal("fps=15,scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2,format=gray", args[args.ToList().IndexOf("-vf") + 1]);
        Assert.Equal(["-pix_fmt", "gray", "-f", "rawvideo", "pipe:1"], args.TakeLast(5));
        Assert.DoesNotContain("-hwaccel", args);
        Assert.Equal(640 * 480, Command.FrameBytes);
    }

    [Fact]
    public void Hardware_decoding_is_passed_through_before_the_input()
    {
        var args = (Command with { HwAccel = "drm" }).Arguments(SourceUri.Parse("rtsp://cam/s"), "rtsp://cam/s").ToList();
        Assert.Equal("drm", args[args.IndexOf("-hwaccel") + 1]);
        Assert.True(args.IndexOf("-hwaccel") < args.IndexOf("-i"));
    }

    [Fact]
    public void A_file_keeps_every_frame_loops_when_asked_and_plays_at_its_pace_unless_replayed_for_analysis()
    {
        var live = Command.Arguments(SourceUri.Parse("file:///clip.mp4?loop=true"), "file:/clip.mp4").ToList();
        Assert.Contains("-re", live);
        Assert.Equal("-1", live[live.IndexOf("-stream_loop") + 1]);
        Assert.StartsWith("scale=", live[live.IndexOf("-vf") + 1]);
        Assert.DoesNotContain("-rtsp_transport", live);
        var replay = Command.Arguments(SourceUri.Parse("file:///clip.mp4?realtime=false"), "file:/clip.mp4");
        Assert.DoesNotContain("-re", replay);
        Assert.DoesNotContain("-stream_loop", replay);
    }

    [Theory]
    [InlineData("rtsp://admin:s3cr%40t@cam:554/live", "[rtsp @ 0x5561] method DESCRIBE failed: 401 Unauthorized", "[rtsp @ 0x5561] method DESCRIBE failed: 401 Unauthorized")]
    [InlineData("rtsp://admin:s3cr%40t@cam:554/live", "rtsp://admin:s3cr%40t@cam:554/live: Server returned 401 Unauthorized (authorization failed)", "rtsp://***@cam:554/live: Server returned 401 Unauthorized (authorization failed)")]
    [InlineData("rtsp://admin:s3cr%40t@cam:554/live", "[tcp @ 0x1] Connection to tcp://cam:554?timeout=0 failed: password s3cr@t", "[tcp @ 0x1] Connection to tcp://cam:554?timeout=0 failed: password ***")]
    [InlineData("rtsp://cam/live", "Input #0, rtsp, from 'rtsp://other:pw@cam2/x':", "Input #0, rtsp, from 'rtsp://***@cam2/x':")]
    public void Credentials_are_masked_in_ffmpeg_lines(string uri, string line, string expected) =>
        Assert.Equal(expected, CredentialMask.InText(line, uri));

    [Theory]
    [InlineData("method DESCRIBE failed: 401 Unauthorized", "the camera refused the user name or password (401 Unauthorized)")]
    [InlineData("Server returned 404 Not Found", "the camera has no stream at this path (404 Not Found)")]
    [InlineData("Server returned 403 Forbidden", "the camera refused access (403 Forbidden)")]
    [InlineData("Connection to tcp://cam:554?timeout=0 failed: Connection refused", "connection refused")]
    [InlineData("file:/x.mp4: No such file or directory", "no such file")]
    [InlineData("Something unexpected", "ffmpeg exited with code 1: Something unexpected")]
    public void Why_ffmpeg_stopped_is_one_line_naming_the_cause(string line, string expected)
    {
        var log = new FfmpegLog("rtsp://cam/live", "RtspStream:rtsp://cam/live", null);
        log.Add(line);
        Assert.Contains(expected, log.Describe(1));
        Assert.StartsWith("RtspStream:rtsp://cam/live: ", log.Describe(1));
    }

    [Fact]
    public void A_missing_ffmpeg_and_a_bad_hwaccel_are_one_line_each_in_the_config_check()
    {
        var (exit, output) = ConfigCheck.Run("--Source:Uri=rtsp://admin:Pw-Q9@cam/live", "--Source:FfmpegPath=/nonexistent/ffmpeg");
        Assert.Equal(2, exit);
        Assert.Equal(["Source:FfmpegPath '/nonexistent/ffmpeg' does not exist; Source:Uri 'RtspStream:rtsp://***@cam/live' is played through ffmpeg."], ConfigCheck.Errors(output));
        (exit, output) = ConfigCheck.Run("--Source:Uri=file:///nonexistent/clip.mp4", "--Source:FfmpegHwAccel=drm -y");
        Assert.Equal(2, exit);
        var line = Assert.Single(ConfigCheck.Errors(output));
        Assert.StartsWith("Source:FfmpegHwAccel", line);
        Assert.Contains("must be an ffmpeg -hwaccel name", line);
        (exit, output) = ConfigCheck.Run("--Source:Uri=rtsp://cam/live", "--Source:FfmpegHwAccel=drm", "--Source:StallSeconds=3");
        Assert.True(exit == 0, output);
    }
}
