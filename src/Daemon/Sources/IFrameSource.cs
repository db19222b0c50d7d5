using EdgeEmotion.Core.Imaging;

namespace EdgeEmotion.Daemon.Sources;

/// <summary>Grayscale frames from a camera, stream, file or folder. Implemented by the
/// ffmpeg, HTTP MJPEG, OpenCV, V4L2 and image-folder sources.</summary>
public interface IFrameSource : IDisposable
{
    /// <summary>A description for logs (no credentials).</summary>
    string Name { get; }

    /// <summary>The next frame; null when a finite source has ended. Throws
    /// <see cref="IOException"/> when the device fails.</summary>
    GrayImage? Read(CancellationToken cancellationToken);

    /// <summary>True for a source that produces frames at its own pace whether read or not (a
    /// network stream): it must be read at that pace or it backs up; false for one that captures
    /// when asked (a folder, a V4L2 device, a file replayed for analysis).</summary>
    bool Pushes => false;
}
