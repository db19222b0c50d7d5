using System.Globalization;

namespace EdgeEmotion.Daemon.Publishing;

/// <summary>
/// Closed windows waiting for the broker, one file each in <c>{StateDirectory}/outbox</c>, named
/// by their zero-padded <c>seq</c> so that the folder lists in send order. A file is written to a
/// temporary name, flushed to disk and renamed, and deleted only after the broker acknowledged
/// it: a crash or power cut loses nothing that was closed. When the outbox is over its count or
/// byte bound the oldest windows are dropped and counted (newer data is worth more to a dashboard).
/// </summary>
public sealed class Outbox
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, (string Path, long Bytes)> _entries = [];
    private readonly SemaphoreSlim _signal = new(0);
    private readonly string _directory;
    private readonly int _maxWindows;
    private readonly long _maxBytes;
    private long _bytes;

    public Outbox(string stateDirectory, int maxWindows, long maxBytes)
    {
        _directory = Path.Combine(stateDirectory, "outbox");
        Directory.CreateDirectory(_directory);
        _maxWindows = maxWindows;
        _maxBytes = maxBytes;
        foreach (var file in Directory.GetFiles(_directory))
        {
            var name = Path.GetFileName(file);
            if (name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                File.Delete(file); // Never renamed: its window is still in the later, complete file or was never acknowledged as closed.
                continue;
            }
            if (name.EndsWith(".json", StringComparison.Ordinal) && long.TryParse(name[..^5], NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
            {
                var bytes = new FileInfo(file).Length;
                _entries[seq] = (file, bytes);
                _bytes += bytes;
            }
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

    /// <summary>Windows dropped because the outbox was full, since start.</summary>
    public long Dropped { get; private set; }

    public void Add(long seq, byte[] payload)
    {
        var path = Path.Combine(_directory, seq.ToString("D16", CultureInfo.InvariantCulture) + ".json");
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(payload);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
        lock (_lock)
        {
            _entries[seq] = (path, payload.Length);
            _bytes += payload.Length;
            while (_entries.Count > 1 && (_entries.Count > _maxWindows || _bytes > _maxBytes))
            {
                var oldest = _entries.First();
                RemoveLocked(oldest.Key);
                Dropped++;
            }
        }
        _signal.Release();
    }

    /// <summary>The oldest pending window, or null.</summary>
    public (long Seq, byte[] Payload)? Peek()
    {
        lock (_lock)
        {
            while (_entries.Count > 0)
            {
                var (seq, entry) = _entries.First();
                try
                {
                    return (seq, File.ReadAllBytes(entry.Path));
                }
                catch (FileNotFoundException)
                {
                    RemoveLocked(seq);
                }
            }
            return null;
        }
    }

    public void Remove(long seq)
    {
        lock (_lock)
        {
            RemoveLocked(seq);
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    private void RemoveLocked(long seq)
    {
        if (_entries.Remove(seq, out var entry))
        {
            _bytes -= entry.Bytes;
            File.Delete(entry.Path);
        }
    }
}
