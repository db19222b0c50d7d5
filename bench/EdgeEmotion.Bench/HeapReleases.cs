using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace EdgeEmotion.Bench;

/// <summary>The daemon's heap releases (full collections, <c>src/Hosting/HeapReleaseService</c>) and
/// their pauses, read off its Debug log line, so the soak shows what bounding the heap costs.</summary>
public sealed partial class HeapReleases
{
    /// <summary>The daemon setting that makes it log them.</summary>
    public const string DebugSetting = "--Logging:LogLevel:EdgeEmotion.Hosting.HeapReleaseService=Debug";

    private readonly ConcurrentQueue<double> _pausesMs = new();

    public IReadOnlyCollection<double> PausesMs => _pausesMs;

    public void Read(string? line)
    {
        if (line is not null && Released().Match(line) is { Success: true } m)
        {
            _pausesMs.Enqueue(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"Heap release: .* paused ([0-9.]+) ms")]
    private static partial Regex Released();
}
