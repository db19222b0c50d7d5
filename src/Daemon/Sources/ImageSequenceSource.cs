using System.Diagnostics;

namespace EdgeEmotion.Daemon.Sources;

/// <summary>Sorted image files of a folder played at a set frame rate, in a loop or once (demo, tests).</summary>
internal sealed class ImageSequenceSource : IFrameSource
{
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".bmp"];
    private readonly string[] _files;
    private readonly Dictionary<string, GrayImage> _decoded = [];
    private readonly TimeSpan _interval;
    private readonly bool _loop;
    private readonly FrameSizeLimit? _limit;
    private long _next;
    private int _index;

    public ImageSequenceSource(string folder, double fps, bool loop = true, FrameSizeLimit? limit = null)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Image folder '{folder}' not found.");
        }
        _files = ImageFiles(folder);
        if (_files.Length == 0)
        {
            throw new FileNotFoundException($"Image folder '{folder}' has no .jpg, .png or .bmp files.");
        }
        _limit = limit;
        _interval = TimeSpan.FromSeconds(1 / fps);
        _loop = loop;
        Name = $"images {folder} at {fps} fps{(loop ? "" : ", once")}";
    }

    public string Name { get; }

    /// <summary>The pictures the folder would play, in order.</summary>
    public static string[] ImageFiles(string folder) =>
        [.. Directory.GetFiles(folder).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal)];

    public GrayImage? Read(CancellationToken cancellationToken)
    {
        if (_index == _files.Length)
        {
            return null; // Played once and not looping: the source has ended.
        }
        var now = Stopwatch.GetTimestamp();
        if (_next > now)
        {
            cancellationToken.WaitHandle.WaitOne(Stopwatch.GetElapsedTime(now, _next));
        }
        _next = Math.Max(_next, now) + (long)(_interval.TotalSeconds * Stopwatch.Frequency);
        var file = _files[_index];
        _index++;
        if (_loop && _index == _files.Length)
        {
            _index = 0;
        }
        if (!File.Exists(file))
        {
            throw new IOException($"Image '{file}' disappeared.");
        }
        // Decoded once: the loop plays the same few pictures again and again.
        if (!_decoded.TryGetValue(file, out var image))
        {
            // A file that cannot be read is the source failing (retried, counted as a source
            // failure), not a malformed frame: only what was read and does not decode is that.
            _limit?.CheckFile(file);
            image = ImageDecoder.DecodeGray(File.ReadAllBytes(file), file);
            _decoded[file] = image;
        }
        return image;
    }

    public void Dispose()
    {
    }
}
