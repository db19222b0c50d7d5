using System.Text.Json;

namespace EdgeEmotion.Bench;

/// <summary>The managed heap and the GC's committed bytes from the daemon's latest stats, read off
/// its log of what it publishes (<c>Mqtt:LogMessages</c>).</summary>
public sealed class HeapFigures
{
    private const string Marker = "/stats (retained): ";
    private volatile Reading _last = new(0, 0);

    public Reading Last => _last;

    public void Read(string? line)
    {
        var at = line?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return;
        }
        using var json = JsonDocument.Parse(line![(at + Marker.Length)..]);
        var stats = json.RootElement;
        if (stats.TryGetProperty("managed_heap_mb", out var heap) && stats.TryGetProperty("gc_committed_mb", out var committed))
        {
            _last = new Reading(heap.GetDouble(), committed.GetDouble());
        }
    }

    public sealed record Reading(double ManagedHeapMb, double GcCommittedMb);
}
