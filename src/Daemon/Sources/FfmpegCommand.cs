namespace EdgeEmotion.Daemon.Sources;

/// <summary>
/// ffmpeg's command line for one source: decode to 8-bit gray at exactly width x height (the
/// picture scaled to fit and centred on black, so faces keep their shape whatever the camera's
/// aspect ratio), raw frames on standard output. Live streams are thinned to the analysis rate
/// inside ffmpeg, so no frame crosses the pipe only to be dropped; a file keeps every frame, since
/// its frame times are frame index / its own rate (<see cref="FrameClock"/>).
/// </summary>
internal sealed record FfmpegCommand(int Width, int Height, double TargetFps, string HwAccel)
{
    public int FrameBytes => Width * Height;

    /// <summary>What ffmpeg may open behind a camera's URL read from its standard input: the network
    /// protocols of RTSP(S), HTTP(S) and HLS, never local files (the concat demuxer would otherwise
    /// follow any protocol; reading standard input needs <c>pipe</c>).</summary>
    public const string NetworkProtocols = "pipe,rtsp,rtsps,rtp,srtp,udp,tcp,tls,http,https,httpproxy,hls,crypto,data";

    /// <summary>A camera's URL goes to ffmpeg on its standard input (<see cref="FfconcatScript"/>),
    /// never on its command line; a file's path does (it carries no secret).</summary>
    public static bool ReadsUrlFromStandardInput(SourceUri uri) => uri.Kind is SourceKind.RtspStream or SourceKind.MjpegHttp;

    public IReadOnlyList<string> Arguments(SourceUri uri, string input)
    {
        var file = uri.Kind == SourceKind.VideoFile;
        // -nostats: no progress line per frame on standard error; -nostdin: no keyboard commands
        // from standard input (which carries the camera's URL, read once as the input).
        List<string> args = ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "info"];
        if (!file)
        {
            // The same for the concat demuxer around the camera (CameraOptions): its own probing.
            args.AddRange(["-fflags", "nobuffer", "-flags", "low_delay", "-analyzeduration", ProbeMicroseconds, "-probesize", ProbeBytes]);
        }
        if (file && uri.Realtime)
        {
            args.Add("-re"); // at the file's own pace, as a camera delivers
        }
        if (file && uri.Loop)
        {
            args.AddRange(["-stream_loop", "-1"]);
        }
        if (HwAccel.Length > 0)
        {
            args.AddRange(["-hwaccel", HwAccel]);
        }
        if (ReadsUrlFromStandardInput(uri))
        {
            args.AddRange(["-protocol_whitelist", NetworkProtocols, "-f", "concat", "-safe", "0", "-i", "pipe:0"]);
        }
        else
        {
            args.AddRange(["-i", input]);
        }
        args.AddRange(["-an", "-sn", "-dn", "-vf", Filters(file)]);
        args.AddRange(["-pix_fmt", "gray", "-f", "rawvideo", "pipe:1"]);
        return args;
    }

    /// <summary>What ffmpeg reads on its standard input: the camera's URL and the options to open
    /// it, or null for a file.</summary>
    public static string? StandardInput(SourceUri uri, string input) =>
        ReadsUrlFromStandardInput(uri) ? FfconcatScript.For(input, CameraOptions(uri)) : null;

    private const string ProbeMicroseconds = "500000";
    private const string ProbeBytes = "500000";

    private static IEnumerable<(string, string)> CameraOptions(SourceUri uri)
    {
        if (uri.Kind == SourceKind.RtspStream)
        {
            // TCP: no lost packets (smeared frames) behind NAT or on Wi-Fi, and one connection to watch.
            yield return ("rtsp_transport", "tcp");
        }
        // ffmpeg's default 5 s probe delayed every (re)connection by about 3.4 s here; a camera's
        // one video stream is known after 0.5 s (1.4 s to the first frame on the test server).
        yield return ("fflags", "nobuffer");
        yield return ("analyzeduration", ProbeMicroseconds);
        yield return ("probesize", ProbeBytes);
    }

    private string Filters(bool file)
    {
        var size = string.Create(CultureInfo.InvariantCulture,
            $"scale={Width}:{Height}:force_original_aspect_ratio=decrease,pad={Width}:{Height}:(ow-iw)/2:(oh-ih)/2,format=gray");
        return file ? size : string.Create(CultureInfo.InvariantCulture, $"fps={TargetFps},{size}");
    }
}
