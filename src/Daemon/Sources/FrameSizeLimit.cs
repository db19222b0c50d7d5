using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeEmotion.Daemon.Sources;

/// <summary>
/// Refuses encoded frames above <c>Source:MaxFramePixels</c> from their header, before decoding:
/// a decoder allocates width × height × channels whatever the file size, so a 20000x20000 PNG of a
/// few kilobytes would take over a gigabyte. A refused frame is an <see cref="InvalidDataException"/>,
/// which the pipeline counts as malformed; the warning is logged once per file or source, so a
/// looping folder or a camera set to a huge size does not flood the log.
/// </summary>
internal sealed partial class FrameSizeLimit(long maxPixels, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly HashSet<string> _warned = [];

    public void Check(ReadOnlySpan<byte> encoded, string name)
    {
        if (ImageDecoder.ReadSize(encoded) is { } size)
        {
            Check(size.Width, size.Height, name);
        }
    }

    public void CheckFile(string path)
    {
        (int Width, int Height)? size;
        using (var stream = File.OpenRead(path))
        {
            size = ImageDecoder.ReadSize(stream);
        }
        if (size is { } s)
        {
            Check(s.Width, s.Height, path);
        }
    }

    private void Check(int width, int height, string name)
    {
        var pixels = (long)width * height;
        if (pixels <= maxPixels)
        {
            return;
        }
        var message = string.Create(CultureInfo.InvariantCulture, $"{name}: a {width}x{height} frame ({pixels:N0} pixels) is above Source:MaxFramePixels ({maxPixels:N0}); skipped without decoding.");
        bool first;
        lock (_warned)
        {
            first = _warned.Add(name);
        }
        if (first)
        {
            LogRefused(_logger, message);
        }
        throw new InvalidDataException(message);
    }

    [LoggerMessage(0, LogLevel.Warning, "{Refusal} Further frames of it are counted as malformed without a log line.")]
    private static partial void LogRefused(ILogger logger, string refusal);
}
