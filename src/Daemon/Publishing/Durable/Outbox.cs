using EdgeEmotion.Core.IO;

namespace EdgeEmotion.Daemon.Publishing.Durable;

/// <summary>
/// Closed messages of one stream (windows, or visits) waiting for the broker, one file each in its
/// folder, named by their zero-padded <c>seq</c> so that the folder lists in send order. A file is
/// written to a temporary name, flushed to disk and renamed, and deleted only after the broker
/// acknowledged it: a crash or power cut loses nothing that was closed.
/// <list type="bullet">
/// <item>Over its count or byte bound the oldest are dropped, counted and logged (newer data is worth
/// more to a dashboard).</item>
/// <item>A file that is not a message of this stream (garbage, empty, hand-edited, another
/// <c>seq</c> than its name) is never published: it is moved to <c>quarantine</c> and logged.</item>
/// <item>When the disk refuses a write (full, read-only), the message is kept in memory, still sent
/// in order, and written again at the next chance; <see cref="WriteFailures"/> counts the refusals.</item>
/// <item>A <c>seq</c> is never written twice: <see cref="HighestSeq"/> is the floor for the next one.</item>
/// </list>
/// </summary>
internal sealed partial class Outbox
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, Entry> _entries = [];
    private readonly SemaphoreSlim _signal;
    private readonly string _directory;
    private readonly string _quarantine;
    private readonly string _stream;
    private readonly int _maxEntries;
    private readonly long _maxBytes;
    private readonly OutboxPayloadCheck _check;
    private readonly ILogger _logger;
    private long _bytes;
    private long _highestSeq;
    private bool _diskFailing;

    /// <param name="directory">The stream's folder (created at start, not by <c>--check-config</c>).</param>
    /// <param name="stream">The stream's name in log lines (<c>emotions</c>, <c>visits</c>).</param>
    /// <param name="added">Released for every message queued (shared by the streams one publisher sends).</param>
    public Outbox(string directory, string stream, int maxEntries, long maxBytes, OutboxPayloadCheck check, ILogger logger, SemaphoreSlim? added = null)
    {
        _signal = added ?? new SemaphoreSlim(0);
        _directory = directory;
        _quarantine = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(directory))!, "quarantine");
        _stream = stream;
        _maxEntries = maxEntries;
        _maxBytes = maxBytes;
        _check = check;
        _logger = logger;
        Directory.CreateDirectory(_directory);
        foreach (var file in Directory.GetFiles(_directory).Order(StringComparer.Ordinal))
        {
            Load(file);
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The highest <c>seq</c> this outbox holds or held since start: the next one must be above it.</summary>
    public long HighestSeq
    {
        get
        {
            lock (_lock)
            {
                return _highestSeq;
            }
        }
    }

    /// <summary>Messages dropped because the outbox was full, since start.</summary>
    public long Dropped { get; private set; }

    /// <summary>Files moved to quarantine because they were not valid messages, since start.</summary>
    public long Quarantined { get; private set; }

    /// <summary>Writes the disk refused (full, read-only) since start; those messages were kept in memory.</summary>
    public long WriteFailures { get; private set; }

    /// <summary>Messages held only in memory because the disk refused them.</summary>
    public int InMemory
    {
        get
        {
            lock (_lock)
            {
                return _entries.Values.Count(e => e.Path is null);
            }
        }
    }

    /// <summary>The seqs of the messages held only in memory, oldest first.</summary>
    public IReadOnlyList<long> InMemorySeqs
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries.Where(e => e.Value.Path is null).Select(e => e.Key)];
            }
        }
    }

    /// <summary>Tries once more to write the messages held in memory (at stop, before they are counted as lost).</summary>
    public void PersistInMemory()
    {
        lock (_lock)
        {
            PersistPendingLocked();
        }
    }

    /// <summary>When the oldest waiting message was closed (its file time), or null when none waits.</summary>
    public DateTimeOffset? OldestSince
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count == 0 ? null : _entries.First().Value.Since;
            }
        }
    }

    public void Add(long seq, byte[] payload)
    {
        if (_check.Problem(payload, seq) is { } problem)
        {
            // A bug upstream, never user input: refuse loudly rather than publish it.
            throw new InvalidOperationException($"refusing to queue {_stream} seq {seq}: {problem}");
        }
        lock (_lock)
        {
            if (_entries.ContainsKey(seq) || seq <= _highestSeq)
            {
                // Never overwrite a message that is still waiting or that was already sent.
                throw new InvalidOperationException($"{_stream} seq {seq} is not above {_highestSeq}, the highest already queued; refusing to overwrite it.");
            }
            _highestSeq = seq;
            var entry = new Entry(Persist(seq, payload), payload.Length, DateTimeOffset.UtcNow, payload);
            _entries[seq] = entry.Path is null ? entry : entry with { Payload = null };
            _bytes += payload.Length;
            TrimLocked();
            PersistPendingLocked();
        }
        _signal.Release();
    }

    /// <summary>The oldest pending message, or null.</summary>
    public (long Seq, byte[] Payload)? Peek()
    {
        lock (_lock)
        {
            while (_entries.Count > 0)
            {
                var (seq, entry) = _entries.First();
                if (entry.Payload is { } inMemory)
                {
                    return (seq, inMemory);
                }
                try
                {
                    var bytes = File.ReadAllBytes(entry.Path!);
                    if (_check.Problem(bytes, seq) is { } problem)
                    {
                        QuarantineLocked(seq, entry.Path!, problem);
                        continue;
                    }
                    return (seq, bytes);
                }
                catch (FileNotFoundException)
                {
                    LogFileDisappeared(_logger, _stream, entry.Path, seq);
                    RemoveLocked(seq);
                }
            }
            return null;
        }
    }

    /// <summary>Messages the broker acknowledged (removed after sending), since start.</summary>
    public long Acknowledged { get; private set; }

    /// <summary>The broker acknowledged <paramref name="seq"/>: its file goes.</summary>
    public void Remove(long seq)
    {
        lock (_lock)
        {
            Acknowledged++;
            RemoveLocked(seq);
            PersistPendingLocked();
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    private void Load(string file)
    {
        var name = Path.GetFileName(file);
        if (name.EndsWith(DurableFile.TemporarySuffix, StringComparison.Ordinal))
        {
            File.Delete(file); // Never renamed: its message was never acknowledged as closed.
            return;
        }
        if (!name.EndsWith(".json", StringComparison.Ordinal) || !long.TryParse(name[..^5], NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            Quarantine(file, "not an outbox file name (<seq>.json)");
            return;
        }
        var bytes = File.ReadAllBytes(file);
        if (_check.Problem(bytes, seq) is { } problem)
        {
            Quarantine(file, problem);
            return;
        }
        _entries[seq] = new Entry(file, bytes.Length, new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero), null);
        _bytes += bytes.Length;
        _highestSeq = Math.Max(_highestSeq, seq);
    }

    private string? Persist(long seq, byte[] payload)
    {
        var path = Path.Combine(_directory, seq.ToString("D16", CultureInfo.InvariantCulture) + ".json");
        try
        {
            DurableFile.Write(path, payload, overwrite: false);
            if (_diskFailing)
            {
                _diskFailing = false;
                LogDiskRecovered(_logger, _stream, _directory);
            }
            return path;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteFailures++;
            if (!_diskFailing)
            {
                _diskFailing = true;
                LogDiskFailing(_logger, _stream, _directory, ex.Message);
            }
            return null;
        }
    }

    /// <summary>Writes messages held in memory once the disk takes them again (oldest first).</summary>
    private void PersistPendingLocked()
    {
        if (!_diskFailing)
        {
            return;
        }
        foreach (var (seq, entry) in _entries.Where(e => e.Value.Path is null).ToList())
        {
            if (Persist(seq, entry.Payload!) is not { } path)
            {
                return;
            }
            _entries[seq] = entry with { Path = path, Payload = null };
        }
    }

    private void TrimLocked()
    {
        var dropped = 0;
        var first = 0L;
        while (_entries.Count > 1 && (_entries.Count > _maxEntries || _bytes > _maxBytes))
        {
            var oldest = _entries.First().Key;
            first = dropped == 0 ? oldest : first;
            RemoveLocked(oldest);
            Dropped++;
            dropped++;
        }
        if (dropped > 0)
        {
            LogFull(_logger, _stream, _maxEntries, _maxBytes / 1048576.0, first, first + dropped - 1, dropped, Dropped);
        }
    }

    private void RemoveLocked(long seq)
    {
        if (_entries.Remove(seq, out var entry))
        {
            _bytes -= entry.Bytes;
            if (entry.Path is not null)
            {
                TryDelete(entry.Path);
            }
        }
    }

    private void QuarantineLocked(long seq, string path, string problem)
    {
        if (_entries.Remove(seq, out var entry))
        {
            _bytes -= entry.Bytes;
        }
        Quarantine(path, problem);
    }

    private void Quarantine(string file, string problem)
    {
        Quarantined++;
        try
        {
            Directory.CreateDirectory(_quarantine);
            var target = Path.Combine(_quarantine, $"{_stream}-{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{Path.GetFileName(file)}");
            File.Move(file, target, overwrite: true);
            LogQuarantined(_logger, _stream, file, problem, target);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogQuarantineFailed(_logger, _stream, file, problem, ex.Message);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The message was acknowledged; a file left behind is quarantined or skipped at next start.
        }
    }

    [LoggerMessage(0, LogLevel.Warning, "Outbox {Stream}: {File} disappeared before it was sent; seq {Seq} is lost.")]
    private static partial void LogFileDisappeared(ILogger logger, string stream, string? file, long seq);

    [LoggerMessage(0, LogLevel.Information, "Outbox {Stream}: writing to {Directory} works again.")]
    private static partial void LogDiskRecovered(ILogger logger, string stream, string directory);

    [LoggerMessage(0, LogLevel.Warning, "Outbox {Stream}: cannot write {Directory} ({Reason}); keeping {Stream} in memory until it can (a power cut now would lose them).")]
    private static partial void LogDiskFailing(ILogger logger, string stream, string directory, string reason);

    [LoggerMessage(0, LogLevel.Warning, "Outbox {Stream} is full ({Max} messages or {Megabytes} MB): dropped the oldest, seq {First}..{Last} ({Count}); {Total} dropped since start.")]
    private static partial void LogFull(ILogger logger, string stream, int max, double megabytes, long first, long last, int count, long total);

    [LoggerMessage(0, LogLevel.Warning, "Outbox {Stream}: {File} is not a valid message ({Problem}); moved to {Target}, not published.")]
    private static partial void LogQuarantined(ILogger logger, string stream, string file, string problem, string target);

    [LoggerMessage(0, LogLevel.Warning, "Outbox {Stream}: {File} is not a valid message ({Problem}) and could not be moved to quarantine ({Reason}); it is skipped.")]
    private static partial void LogQuarantineFailed(ILogger logger, string stream, string file, string problem, string reason);

    /// <summary>A queued message: on disk (<see cref="Path"/>) or, while the disk refuses writes, in memory.</summary>
    private sealed record Entry(string? Path, long Bytes, DateTimeOffset Since, byte[]? Payload);
}
