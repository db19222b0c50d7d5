using System.Globalization;

namespace EdgeEmotion.Daemon.Sources;

/// <summary>
/// ffmpeg's command line for one source: decode to 8-bit gray at exactly width x height (the
/// picture scaled to fit and centred on black, so faces keep their shape whatever the camera's
/// aspect ratio), raw frames on standard output. Live streams are thinned to the analysis rate
/// inside ffmpeg, so no frame crosses the pipe only to be dropped; a file keeps every frame, since
/// its frame times are frame index / its own rate (<see cref="FrameClock"/>).
/// </summary>
public sealed record FfmpegCommand(int Width, int Height, double TargetFps, string HwAccel)
{
    public int FrameBytes => Width * Height;

    public IReadOnlyList<string> Arguments(SourceUri uri, string input)
    {
        var file = uri.Kind == SourceKind.VideoFile;
        // -nostats: no progress line per frame on standard error; -nostdin: never reads our input.
        List<string> args = ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "info"];
        if (uri.Kind == SourceKind.RtspStream)
        {
            // TCP: no lost packets (smeared frames) behind NAT or on Wi-Fi, and one connection to watch.
            args.AddRange(["-rtsp_transport", "tcp"]);
        }
        if (!file)
        {
            // ffmpeg's default 5 s probe delayed every (re)connection by about 3.4 s here; a camera's
            // one video stream is known after 0.5 s (1.4 s to the first frame on the test server).
            args.AddRange(["-fflags", "nobuffer", "-flags", "low_delay", "-analyzeduration", "500000", "-probesize", "500000"]);
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
        args.AddRange(["-i", input, "-an", "-sn", "-dn", "-vf", Filters(file)]);
        args.AddRange(["-pix_fmt", "gray", "-f", "rawvideo", "pipe:1"]);
        return args;
    }

    private string Filters(bool file)
    {
        var size = string.Create(CultureInfo.InvariantCulture,
            $"scale={Width}:{Height}:force_original_aspect_ratio=decrease,pad={Width}:{Height}:(ow-iw)/2:(oh-ih)/2,format=gray");
        return file ? size : string.Create(CultureInfo.InvariantCulture, $"fps={TargetFps},{size}");
    }
}
