namespace EdgeEmotion.Daemon.Sources;

/// <summary>Grayscale frames from a camera, stream, file or folder; <see cref="FrameSourceFactory"/>
/// picks the implementation from <c>Source:Uri</c>.</summary>
internal interface IFrameSource : IDisposable
{
    /// <summary>A description for logs (no credentials).</summary>
    string Name { get; }

    /// <summary>The next frame; null when a finite source has ended. Throws
    /// <see cref="InvalidDataException"/> for a frame that arrived malformed (the pipeline skips and
    /// counts it and keeps the source); any other exception means the source failed (the pipeline
    /// reopens it with backoff).</summary>
    GrayImage? Read(CancellationToken cancellationToken);

    /// <summary>True for a source that produces frames at its own pace whether read or not (a
    /// network stream): it must be read at that pace or it backs up; false for one that captures
    /// when asked (a folder, a V4L2 device, a file replayed for analysis).</summary>
    bool Pushes => false;
}
