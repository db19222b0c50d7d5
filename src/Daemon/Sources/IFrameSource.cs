using EdgeEmotion.Core.Imaging;

namespace EdgeEmotion.Daemon.Sources;

/// <summary>Grayscale frames from a camera, stream, file or folder. Implemented by the
/// OpenCV, V4L2 and image-folder sources.</summary>
public interface IFrameSource : IDisposable
{
    /// <summary>A description for logs (no credentials).</summary>
    string Name { get; }

    /// <summary>The next frame; null when a finite source has ended. Throws
    /// <see cref="IOException"/> when the device fails.</summary>
    GrayImage? Read(CancellationToken cancellationToken);
}
