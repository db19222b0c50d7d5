using System.ComponentModel.DataAnnotations;

namespace EdgeEmotion.Daemon.Options;

/// <summary>Section <c>Source</c>.</summary>
internal sealed class SourceOptions
{
    public const string Section = "Source";

    /// <summary><c>v4l2:///dev/video0</c>, <c>opencv:0</c>, <c>file:///clip.avi?loop=true</c>, <c>rtsp://…</c>, <c>images:///folder?fps=5</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Uri { get; set; } = "v4l2:///dev/video0";

    /// <summary>Frames per second the pipeline analyses at most; faster sources are dropped down to it.</summary>
    [Range(0.1, 120)]
    public double TargetFps { get; set; } = 15;

    [Range(16, 4096)]
    public int Width { get; set; } = 640;

    [Range(16, 4096)]
    public int Height { get; set; } = 480;

    /// <summary>Largest frame (width × height) a source may deliver; larger pictures and MJPEG
    /// frames are refused from their header before decoding and counted as malformed. Default
    /// 1920x1440: 1080p and 4:3 frames as wide as the detector ever looks (Detector:InputWidth is
    /// at most 1920, wider frames are scaled down), while a decode at the limit stays within the
    /// memory target (see the README for the measured cost).</summary>
    [Range(64 * 64, 8192 * 8192)]
    public long MaxFramePixels { get; set; } = 1920 * 1440;

    /// <summary>Seconds between attempts to reopen a source that failed.</summary>
    [Range(0.1, 600)]
    public double RetrySeconds { get; set; } = 2;

    /// <summary>The ffmpeg program that plays <c>rtsp://</c>, <c>file://</c> and non-MJPEG <c>http://</c>
    /// sources; empty: <c>ffmpeg</c> on PATH (Debian's package).</summary>
    public string FfmpegPath { get; set; } = "";

    /// <summary>Passed to ffmpeg as <c>-hwaccel</c> (e.g. <c>drm</c>, <c>v4l2m2m</c>, <c>vaapi</c>); empty: software decoding.</summary>
    [RegularExpression("^[a-z0-9_]*$", ErrorMessage = "must be an ffmpeg -hwaccel name (lower-case letters, digits, '_'; 'ffmpeg -hwaccels' lists them), or empty")]
    public string FfmpegHwAccel { get; set; } = "";

    /// <summary>Seconds without a frame from ffmpeg after which it is stopped and started again.</summary>
    [Range(1, 600)]
    public double StallSeconds { get; set; } = 10;
}
