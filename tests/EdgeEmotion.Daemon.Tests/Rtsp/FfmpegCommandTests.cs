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
        var uri = SourceUri.Parse("rtsp://u:p@cam/s");
        var args = Command.Arguments(uri, "rtsp://u:p@cam/s");
        Assert.Contains("option rtsp_transport 'tcp'\n", FfmpegCommand.StandardInput(uri, "rtsp://u:p@cam/s"));
        Assert.Equal("fps=15,scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2,format=gray", args[args.ToList().IndexOf("-vf") + 1]);
        Assert.Equal(["-pix_fmt", "gray", "-f", "rawvideo", "pipe:1"], args.TakeLast(5));
        Assert.DoesNotContain("-hwaccel", args);
        Assert.Equal(640 * 480, Command.FrameBytes);
    }

    /// <summary>Every local user can read a process's command line: a camera's URL goes to ffmpeg
    /// on its standard input, as a concat script, quoted as ffmpeg unquotes it.</summary>
    [Theory]
    [InlineData("rtsp://admin:Pw-9@cam/s?token=x", "file 'rtsp://admin:Pw-9@cam/s?token=x'\n")]
    [InlineData("http://admin:it's@cam/live.ts", "file 'http://admin:it'\\''s@cam/live.ts'\n")]
    public void A_camera_url_is_read_from_standard_input_and_never_on_the_command_line(string url, string fileLine)
    {
        var uri = SourceUri.Parse(url);
        var args = Command.Arguments(uri, url);
        Assert.DoesNotContain(args, a => a.Contains("cam", StringComparison.Ordinal));
        Assert.Equal("pipe:0", args[args.ToList().IndexOf("-i") + 1]);
        Assert.Equal("concat", args[args.ToList().IndexOf("-i") - 3]);
        var script = FfmpegCommand.StandardInput(uri, url);
        Assert.StartsWith("ffconcat version 1.0\n" + fileLine, script);
        Assert.Null(FfmpegCommand.StandardInput(SourceUri.Parse("file:///clip.mp4"), "file:/clip.mp4"));
    }

    [Fact]
    public void A_line_break_in_a_camera_url_is_refused_in_one_line()
    {
        var error = Assert.Throws<EdgeEmotion.Core.UserInputException>(() => SourceUri.Parse("rtsp://admin:Pw-9@cam/s\nfile '/etc/shadow'"));
        Assert.Contains("control character", error.Message);
        Assert.DoesNotContain("Pw-9", error.Message);
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
    [InlineData("rtsp://u:Pw-7@cam/live?user=a@b&pwd=Q%2B9", "[concat @ 0x1] Impossible to open 'rtsp://u:Pw-7@cam/live?user=a@b&pwd=Q%2B9'", "[concat @ 0x1] Impossible to open 'rtsp://***@cam/live?user=a@b&pwd=***'")]
    [InlineData("rtsp://cam/live?token=T0k%2B", "[http @ 0x1] request with token T0k+ refused", "[http @ 0x1] request with token *** refused")]
    [InlineData("rtsp://cam/live", "Input #0, rtsp, from 'rtsp://cam2/x?password=Other7&a=1':", "Input #0, rtsp, from 'rtsp://cam2/x?password=***&a=1':")]
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
        Assert.Equal(["Source:FfmpegPath '/nonexistent/ffmpeg' does not exist; Source:Uri 'RtspStream:rtsp://***@cam/live' is played through ffmpeg."],
            ConfigCheck.Refused("--Source:Uri=rtsp://admin:Pw-Q9@cam/live", "--Source:FfmpegPath=/nonexistent/ffmpeg"));
        var line = Assert.Single(ConfigCheck.Refused("--Source:Uri=file:///nonexistent/clip.mp4", "--Source:FfmpegHwAccel=drm -y"));
        Assert.StartsWith("Source:FfmpegHwAccel", line);
        Assert.Contains("must be an ffmpeg -hwaccel name", line);
        var (exit, output) = ConfigCheck.Run("--Source:Uri=rtsp://cam/live", "--Source:FfmpegHwAccel=drm", "--Source:StallSeconds=3");
        Assert.True(exit == 0, output);
    }
}
