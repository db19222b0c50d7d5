using System.Runtime.InteropServices;
using OpenCvSharp;

namespace EdgeEmotion.Daemon.Sources;

/// <summary>Camera index (<c>opencv:N</c>) through OpenCV's VideoCapture; it can also read video
/// files, but the daemon plays those through ffmpeg (<see cref="FfmpegSource"/>) on every board.
/// Every Mat is disposed after use: undisposed Mats leak native memory.</summary>
internal sealed class OpenCvSource : IFrameSource
{
    private readonly VideoCapture _capture;
    private readonly bool _loop;
    private readonly bool _isFile;
    private readonly Mat _frame = new();
    private readonly Mat _gray = new();

    public OpenCvSource(SourceUri uri, int width, int height)
    {
        try
        {
            // OpenCV's own log lines go straight to standard error and quote the stream URL as
            // given, password included; our messages (with the URI masked) say what failed.
            Cv2.SetLogLevel(OpenCvSharp.LogLevel.SILENT);
            _capture = uri.Kind == SourceKind.OpenCvCamera ? new VideoCapture(int.Parse(uri.Target, System.Globalization.CultureInfo.InvariantCulture)) : new VideoCapture(uri.Target);
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or OpenCvSharpException)
        {
            throw new IOException($"OpenCV is not available on this system ({ex.GetBaseException().Message}); use a v4l2:// or images:// source.", ex);
        }
        if (!_capture.IsOpened())
        {
            _capture.Dispose();
            throw new IOException(uri.Kind == SourceKind.RtspStream
                ? $"Cannot open {uri.Display} with OpenCV. If its FFmpeg was built without network support (as in OpenCvSharp's official x64 runtime), RTSP cannot work: publish with an OpenCV runtime that has it, or use the camera's MJPEG stream (http://…) or V4L2."
                : $"Cannot open {uri.Display} with OpenCV (missing camera, file or stream).");
        }
        if (uri.Kind == SourceKind.OpenCvCamera)
        {
            _capture.Set(VideoCaptureProperties.FrameWidth, width);
            _capture.Set(VideoCaptureProperties.FrameHeight, height);
        }
        _loop = uri.Loop;
        _isFile = uri.Kind == SourceKind.VideoFile;
        Name = uri.Display;
    }

    public string Name { get; }

    /// <summary>A video file's own frame rate (0 for cameras, streams and files that do not say): its media time.</summary>
    public double MediaFps => _isFile && double.IsFinite(_capture.Fps) && _capture.Fps > 0 ? _capture.Fps : 0;

    public GrayImage? Read(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (!_capture.Read(_frame) || _frame.Empty())
            {
                if (!_isFile)
                {
                    // Only a file ends; a camera or stream without a frame has failed and is retried.
                    throw new IOException($"{Name} delivered no frame (camera unplugged or stream interrupted).");
                }
                if (_loop && attempt == 0)
                {
                    _capture.Set(VideoCaptureProperties.PosFrames, 0);
                    continue;
                }
                return null;
            }
            if (_frame.Channels() is not (1 or 3 or 4) || _frame.Depth() != MatType.CV_8U)
            {
                continue; // a frame of a kind we cannot read: try the next one
            }
            var code = _frame.Channels() switch { 3 => ColorConversionCodes.BGR2GRAY, 4 => ColorConversionCodes.BGRA2GRAY, _ => (ColorConversionCodes?)null };
            var gray = _frame;
            if (code is { } c)
            {
                Cv2.CvtColor(_frame, _gray, c);
                gray = _gray;
            }
            var pixels = new byte[gray.Width * gray.Height];
            using (var continuous = gray.IsContinuous() ? null : gray.Clone())
            {
                Marshal.Copy((continuous ?? gray).Data, pixels, 0, pixels.Length);
            }
            return new GrayImage(gray.Width, gray.Height, pixels);
        }
        throw new InvalidDataException($"{Name}: three frames in a row were not 8-bit gray, BGR or BGRA ({_frame.Channels()} channels, depth {_frame.Depth()}).");
    }

    public void Dispose()
    {
        _frame.Dispose();
        _gray.Dispose();
        _capture.Dispose();
    }
}
