using System.Text.Json;

namespace EdgeEmotion.Bench.Faults;

/// <summary>The <c>seq</c> of every message of one stream (<c>emotions</c> or <c>visits</c>) in the
/// order it arrived, the first payload seen under each seq (a redelivery repeats it byte for byte;
/// another payload means the seq was used twice), the gaps the daemon declared in its stats, and
/// what the daemon's log says the broker acknowledged.</summary>
public sealed class MessageLedger(string stream)
{
    private readonly Lock _lock = new();
    private readonly List<long> _arrivals = [];
    private readonly Dictionary<long, string> _payloads = [];
    private readonly HashSet<long> _reused = [];
    private readonly HashSet<(long From, long To)> _declared = [];
    private readonly HashSet<long> _acknowledged = [];
    private int _unreadable;

    public string Stream { get; } = stream;

    public void Arrived(byte[] payload)
    {
        long? seq = null;
        try
        {
            using var json = JsonDocument.Parse(payload);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("seq", out var s) && s.TryGetInt64(out var value))
            {
                seq = value;
            }
        }
        catch (JsonException)
        {
            // Counted below: a message a dashboard could not read is as bad as a lost one.
        }
        lock (_lock)
        {
            if (seq is { } v)
            {
                _arrivals.Add(v);
                var text = System.Text.Encoding.UTF8.GetString(payload);
                if (!_payloads.TryAdd(v, text) && _payloads[v] != text)
                {
                    _reused.Add(v);
                }
            }
            else
            {
                _unreadable++;
            }
        }
    }

    /// <summary>A stats message: records the gap it declares for this stream under <paramref name="key"/>, if any.</summary>
    public void Declared(byte[] stats, string key)
    {
        try
        {
            using var json = JsonDocument.Parse(stats);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(key, out var gap) && gap.ValueKind == JsonValueKind.Object
                && gap.TryGetProperty("from", out var from) && gap.TryGetProperty("to", out var to))
            {
                lock (_lock)
                {
                    _declared.Add((from.GetInt64(), to.GetInt64()));
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            // Stats are not what this run checks; a broken one declares nothing.
        }
    }

    /// <summary>The daemon logged this <c>seq</c> as acknowledged by the broker (<c>Mqtt:LogMessages</c>).</summary>
    public void Acknowledged(long seq)
    {
        lock (_lock)
        {
            _acknowledged.Add(seq);
        }
    }

    public long HighestArrived()
    {
        lock (_lock)
        {
            return _arrivals.Count == 0 ? 0 : _arrivals.Max();
        }
    }

    /// <param name="lastClosed">The daemon's last seq of this stream (its seq-used file after the stop).</param>
    /// <param name="leftOnDisk">Seqs still in the stream's outbox folder after the stop: kept, not lost.</param>
    public StreamTally Tally(long lastClosed, IReadOnlySet<long> leftOnDisk)
    {
        lock (_lock)
        {
            var seen = new HashSet<long>();
            var duplicates = new List<long>();
            var outOfOrder = new List<long>();
            var highest = 0L;
            foreach (var seq in _arrivals)
            {
                if (!seen.Add(seq))
                {
                    duplicates.Add(seq); // at least once: a redelivery after a lost PUBACK
                    continue;
                }
                if (seq < highest)
                {
                    outOfOrder.Add(seq);
                }
                highest = Math.Max(highest, seq);
            }
            // A seq above the file's value would mean the file fell behind: check up to the higher.
            var last = Math.Max(lastClosed, highest);
            var missing = new List<long>();
            var skipped = 0;
            for (var s = 1L; s <= last; s++)
            {
                if (seen.Contains(s) || leftOnDisk.Contains(s))
                {
                    continue;
                }
                if (_declared.Any(g => s >= g.From && s <= g.To))
                {
                    skipped++;
                    continue;
                }
                missing.Add(s);
            }
            return new StreamTally(Stream, lastClosed, seen.Count, duplicates, missing,
                [.. missing.Where(_acknowledged.Contains)], outOfOrder, [.. leftOnDisk.Order()], _unreadable, highest)
            {
                Reused = [.. _reused.Order()],
                DeclaredSkipped = skipped,
                DeclaredGaps = [.. _declared.Order().Select(g => $"{g.From}..{g.To}")],
            };
        }
    }
}

/// <param name="MissingButAcknowledged">Missing seqs the daemon logged as acknowledged by the broker:
/// lost after the daemon handed them over (broker or subscriber), not by the daemon.</param>
public sealed record StreamTally(
    string Stream,
    long LastClosed,
    int ReceivedDistinct,
    IReadOnlyList<long> Duplicates,
    IReadOnlyList<long> Missing,
    IReadOnlyList<long> MissingButAcknowledged,
    IReadOnlyList<long> OutOfOrder,
    IReadOnlyList<long> LeftOnDisk,
    int Unreadable,
    long HighestArrived)
{
    public bool Lost => Missing.Count > 0 || Unreadable > 0;

    /// <summary>Seqs that arrived with two different payloads: used for two messages.</summary>
    public IReadOnlyList<long> Reused { get; init; } = [];

    /// <summary>Seqs neither received nor on disk that lie in a gap the daemon declared.</summary>
    public int DeclaredSkipped { get; init; }

    /// <summary>The gaps the daemon declared in its stats over the run.</summary>
    public IReadOnlyList<string> DeclaredGaps { get; init; } = [];
}
