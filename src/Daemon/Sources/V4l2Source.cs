using Iot.Device.Media;

namespace EdgeEmotion.Daemon.Sources;

/// <summary>V4L2 capture through Iot.Device.Media, for boards without an OpenCV runtime.
/// YUYV frames give grayscale straight from their luma bytes; MJPEG frames are decoded.</summary>
internal sealed class V4l2Source : IFrameSource
{
    private readonly VideoDevice _device;
    private readonly int _width;
    private readonly int _height;
    private readonly VideoPixelFormat _format;
    private readonly FrameSizeLimit? _limit;

    public V4l2Source(string devicePath, int width, int height, VideoPixelFormat format = VideoPixelFormat.YUYV, FrameSizeLimit? limit = null)
    {
        var name = Path.GetFileName(devicePath);
        if (!name.StartsWith("video", StringComparison.Ordinal) || !int.TryParse(name["video".Length..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var bus))
        {
            throw new UserInputException($"V4L2 device '{devicePath}' must be /dev/videoN.");
        }
        if (!File.Exists(devicePath))
        {
            throw new IOException($"V4L2 device '{devicePath}' does not exist (camera not connected?).");
        }
        _width = width;
        _height = height;
        _format = format;
        _limit = limit;
        _device = VideoDevice.Create(new VideoConnectionSettings(bus, ((uint)width, (uint)height), format));
        Name = $"v4l2 {devicePath} {width}x{height} {format}";
    }

    public string Name { get; }

    public GrayImage? Read(CancellationToken cancellationToken)
    {
        var data = _device.Capture();
        return _format is VideoPixelFormat.MJPEG or VideoPixelFormat.JPEG ? FrameConversion.MjpegToGray(data, Name, _limit) : FrameConversion.YuyvToGray(data, _width, _height);
    }

    public void Dispose() => _device.Dispose();
}
