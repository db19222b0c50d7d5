using System.Data.Common;

namespace EdgeEmotion.Collector.Storage;

/// <summary>
/// One device's stream within a batch's transaction: its seen seq range and gaps are read once
/// (its device's row is locked, see <see cref="DeviceRows.LockAsync"/>), every seq of the batch
/// is judged in memory, and the changes are written back once, with the batch's other writes. New is: after the last seen (a
/// jump opens a gap), before the first seen (the space between is a gap too), or inside a gap
/// (which shrinks or splits). Anything else was stored before: the judgement does not depend on
/// raw rows, which retention deletes.
/// </summary>
internal sealed class StreamLedger
{
    private readonly string _device;
    private readonly string _stream;
    private readonly HashSet<SeqRange> _gapsAtStart;
    private readonly List<SeqRange> _gaps;
    private long? _first;
    private long? _last;
    private long _stored;
    private long _duplicates;
    private DateTimeOffset? _newestEvent;

    private StreamLedger(string device, StreamKind stream, long? first, long? last, List<SeqRange> gaps)
    {
        _device = device;
        _stream = stream.Name();
        _first = first;
        _last = last;
        _gaps = gaps;
        _gapsAtStart = [.. gaps];
    }

    /// <summary>The ledgers of a batch's streams, in three statements whatever their number
    /// (their devices' rows are locked already).</summary>
    public static async Task<Dictionary<(string Device, StreamKind Stream), StreamLedger>> LoadAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyCollection<(string Device, StreamKind Stream)> streams, CancellationToken cancel)
    {
        var ledgers = new Dictionary<(string, StreamKind), StreamLedger>();
        if (streams.Count == 0)
        {
            return ledgers;
        }
        var pairs = streams.ToArray();
        var rows = string.Join(", ", pairs.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"(@d{i}, @s{i})")));
        var pairParameters = pairs.SelectMany((p, i) => new (string, object?)[]
        {
            (string.Create(CultureInfo.InvariantCulture, $"d{i}"), p.Device), (string.Create(CultureInfo.InvariantCulture, $"s{i}"), p.Stream.Name()),
        }).ToArray();
        await connection.ExecuteAsync(transaction, $"INSERT INTO streams (device, stream) VALUES {rows} ON CONFLICT (device, stream) DO NOTHING", cancel, pairParameters);
        var devices = new InList("v", [.. pairs.Select(p => p.Device).Distinct()]);
        var seen = new Dictionary<(string, StreamKind), (long? First, long? Last)>();
        await using (var read = connection.Command(transaction, $"SELECT device, stream, first_seq, last_seq FROM streams WHERE device IN ({devices.List})", devices.Parameters))
        await using (var reader = await read.ExecuteReaderAsync(cancel))
        {
            while (await reader.ReadAsync(cancel))
            {
                seen[(reader.GetString(0), StreamKindNames.Parse(reader.GetString(1)))] = (reader.LongOrNull(2), reader.LongOrNull(3));
            }
        }
        var gaps = pairs.ToDictionary(p => p, _ => new List<SeqRange>());
        await using (var read = connection.Command(transaction, $"SELECT device, stream, from_seq, to_seq FROM gaps WHERE device IN ({devices.List})", devices.Parameters))
        await using (var reader = await read.ExecuteReaderAsync(cancel))
        {
            while (await reader.ReadAsync(cancel))
            {
                if (gaps.TryGetValue((reader.GetString(0), StreamKindNames.Parse(reader.GetString(1))), out var list))
                {
                    list.Add(new SeqRange(reader.Long(2), reader.Long(3)));
                }
            }
        }
        foreach (var pair in pairs)
        {
            var (first, last) = seen[pair];
            ledgers[pair] = new StreamLedger(pair.Device, pair.Stream, first, last, gaps[pair]);
        }
        return ledgers;
    }

    /// <summary>True for a seq not stored before (and now counted as stored).</summary>
    public bool Admit(long seq)
    {
        if (_first is not { } first || _last is not { } last)
        {
            (_first, _last) = (seq, seq);
        }
        else if (seq > last)
        {
            if (seq > last + 1)
            {
                _gaps.Add(new SeqRange(last + 1, seq - 1));
            }
            _last = seq;
        }
        else if (seq < first)
        {
            if (seq < first - 1)
            {
                _gaps.Add(new SeqRange(seq + 1, first - 1));
            }
            _first = seq;
        }
        else if (_gaps.FindIndex(g => g.From <= seq && seq <= g.To) is var i and >= 0)
        {
            var gap = _gaps[i];
            _gaps.RemoveAt(i);
            if (seq > gap.From)
            {
                _gaps.Add(new SeqRange(gap.From, seq - 1));
            }
            if (seq < gap.To)
            {
                _gaps.Add(new SeqRange(seq + 1, gap.To));
            }
        }
        else
        {
            return false;
        }
        return true;
    }

    public void CountStored(DateTimeOffset eventTime)
    {
        _stored++;
        _newestEvent = _newestEvent is { } newest && newest > eventTime ? newest : eventTime;
    }

    public void CountDuplicate() => _duplicates++;

    public void Save(StatementBatch writes, DateTimeOffset now)
    {
        foreach (var gone in _gapsAtStart.Except(_gaps))
        {
            writes.Add("DELETE FROM gaps WHERE device = @d AND stream = @s AND from_seq = @f", ("d", _device), ("s", _stream), ("f", gone.From));
        }
        foreach (var added in _gaps.Except(_gapsAtStart))
        {
            writes.Add("INSERT INTO gaps (device, stream, from_seq, to_seq) VALUES (@d, @s, @f, @t)", ("d", _device), ("s", _stream), ("f", added.From), ("t", added.To));
        }
        writes.Add(
            """
            UPDATE streams SET first_seq = @f, last_seq = @l, stored = stored + @n, duplicates = duplicates + @u,
                last_stored_ms = CASE WHEN @n > 0 THEN @now ELSE last_stored_ms END,
                last_lag_ms = CASE WHEN @n > 0 THEN @lag ELSE last_lag_ms END
            WHERE device = @d AND stream = @s
            """,
            ("d", _device), ("s", _stream), ("f", _first), ("l", _last), ("n", _stored), ("u", _duplicates),
            ("now", now.ToUnixTimeMilliseconds()), ("lag", _newestEvent is { } e ? (now - e).Ticks / TimeSpan.TicksPerMillisecond : 0L));
    }
}
