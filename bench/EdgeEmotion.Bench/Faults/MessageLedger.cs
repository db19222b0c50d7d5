using System.Text.Json;

namespace EdgeEmotion.Bench.Faults;

/// <summary>The <c>seq</c> of every message of one stream (<c>emotions</c> or <c>visits</c>) in the
/// order it arrived, and what the daemon's log says the broker acknowledged.</summary>
public sealed class MessageLedger(string stream)
{
    private readonly Lock _lock = new();
    private readonly List<long> _arrivals = [];
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
            }
            else
            {
                _unreadable++;
            }
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

    /// <param name="lastClosed">The daemon's last seq of this stream (its seq file after the stop).</param>
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
            for (var s = 1L; s <= last; s++)
            {
                if (!seen.Contains(s) && !leftOnDisk.Contains(s))
                {
                    missing.Add(s);
                }
            }
            return new StreamTally(Stream, lastClosed, seen.Count, duplicates, missing,
                [.. missing.Where(_acknowledged.Contains)], outOfOrder, [.. leftOnDisk.Order()], _unreadable, highest);
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
}
