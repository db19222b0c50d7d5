using System.Data.Common;

namespace EdgeEmotion.Collector.Storage;

/// <summary>
/// One device's stream within a batch's transaction: its seen seq range and gaps are read once
/// (its device's row is locked, see <see cref="DeviceRows.LockAsync"/>), every seq of the batch
/// is judged in memory, and the changes are written back once. New is: after the last seen (a
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

    public static async Task<StreamLedger> LoadAsync(DbConnection connection, DbTransaction transaction, string device, StreamKind stream, CancellationToken cancel)
    {
        var name = stream.Name();
        await connection.ExecuteAsync(transaction,
            "INSERT INTO streams (device, stream) VALUES (@d, @s) ON CONFLICT (device, stream) DO NOTHING", cancel, ("d", device), ("s", name));
        long? first, last;
        await using (var read = connection.Command(transaction, "SELECT first_seq, last_seq FROM streams WHERE device = @d AND stream = @s", ("d", device), ("s", name)))
        await using (var reader = await read.ExecuteReaderAsync(cancel))
        {
            await reader.ReadAsync(cancel);
            first = reader.LongOrNull(0);
            last = reader.LongOrNull(1);
        }
        var gaps = new List<SeqRange>();
        await using (var read = connection.Command(transaction, "SELECT from_seq, to_seq FROM gaps WHERE device = @d AND stream = @s", ("d", device), ("s", name)))
        await using (var reader = await read.ExecuteReaderAsync(cancel))
        {
            while (await reader.ReadAsync(cancel))
            {
                gaps.Add(new SeqRange(reader.Long(0), reader.Long(1)));
            }
        }
        return new StreamLedger(device, stream, first, last, gaps);
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

    public async Task SaveAsync(DbConnection connection, DbTransaction transaction, DateTimeOffset now, CancellationToken cancel)
    {
        foreach (var gone in _gapsAtStart.Except(_gaps))
        {
            await connection.ExecuteAsync(transaction, "DELETE FROM gaps WHERE device = @d AND stream = @s AND from_seq = @f", cancel,
                ("d", _device), ("s", _stream), ("f", gone.From));
        }
        foreach (var added in _gaps.Except(_gapsAtStart))
        {
            await connection.ExecuteAsync(transaction, "INSERT INTO gaps (device, stream, from_seq, to_seq) VALUES (@d, @s, @f, @t)", cancel,
                ("d", _device), ("s", _stream), ("f", added.From), ("t", added.To));
        }
        await connection.ExecuteAsync(transaction,
            """
            UPDATE streams SET first_seq = @f, last_seq = @l, stored = stored + @n, duplicates = duplicates + @u,
                last_stored_ms = CASE WHEN @n > 0 THEN @now ELSE last_stored_ms END,
                last_lag_ms = CASE WHEN @n > 0 THEN @lag ELSE last_lag_ms END
            WHERE device = @d AND stream = @s
            """, cancel,
            ("d", _device), ("s", _stream), ("f", _first), ("l", _last), ("n", _stored), ("u", _duplicates),
            ("now", now.ToUnixTimeMilliseconds()), ("lag", _newestEvent is { } e ? (now - e).Ticks / TimeSpan.TicksPerMillisecond : 0L));
    }
}
