using System.Globalization;

namespace EdgeEmotion.Daemon.Aggregation;

/// <summary>The last used window <c>seq</c>, kept in <c>{StateDirectory}/seq</c> so that it
/// survives restarts; written to a temporary file, flushed to disk, then renamed over the old one.</summary>
public sealed class SeqStore
{
    private readonly string _path;
    private long _last;

    public SeqStore(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        _path = Path.Combine(stateDirectory, "seq");
        if (File.Exists(_path))
        {
            var text = File.ReadAllText(_path).Trim();
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _last))
            {
                throw new InvalidDataException($"{_path}: holds '{text}', not a sequence number; fix or delete it.");
            }
        }
    }

    public long Last => _last;

    public long Next()
    {
        var next = _last + 1;
        var temp = _path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(next.ToString(CultureInfo.InvariantCulture)));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, _path, overwrite: true);
        _last = next;
        return next;
    }
}
