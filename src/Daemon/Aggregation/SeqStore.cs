using System.Globalization;
using EdgeEmotion.Core;
using EdgeEmotion.Core.IO;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeEmotion.Daemon.Aggregation;

/// <summary>
/// The last used <c>seq</c> of one stream, kept in a file so that it survives restarts; written to a
/// temporary file, flushed to disk, then renamed over the old one. The next number is never at or
/// below <paramref name="floor"/> (the highest <c>seq</c> still in the stream's outbox), so a lost or
/// reset file can never reuse a number of a message that is waiting to be sent. When the disk refuses
/// the write, the number still advances in memory and the file is written again at the next call.
/// </summary>
public sealed partial class SeqStore
{
    /// <summary>Dashboards written in JavaScript read <c>seq</c> as a double: above this it loses precision.</summary>
    public const long Max = (1L << 53) - 1;

    private readonly string _path;
    private readonly ILogger _logger;
    private long _last;
    private bool _writeFailing;

    public SeqStore(string path, long floor = 0, ILogger? logger = null)
    {
        _path = path;
        _logger = logger ?? NullLogger.Instance;
        if (File.Exists(_path))
        {
            var text = File.ReadAllText(_path).Trim();
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _last) || _last > Max)
            {
                // Deleting it would restart at 1 and reuse numbers subscribers already have.
                throw new UserInputException($"{_path}: holds '{Shorten(text)}', not a sequence number up to {Max}; write the last seq your subscribers received (or any larger number up to {Max}) into it.");
            }
        }
        if (floor > _last)
        {
            LogFloorAbove(_logger, _path, _last, floor);
            _last = floor;
        }
    }

    public long Last => _last;

    public long Next()
    {
        if (_last >= Max)
        {
            throw new InvalidDataException($"{_path}: seq reached {Max}, the largest a dashboard can read exactly; write a smaller number into it only if every subscriber was reset.");
        }
        _last++;
        Persist();
        return _last;
    }

    private void Persist()
    {
        try
        {
            DurableFile.Write(_path, System.Text.Encoding.ASCII.GetBytes(_last.ToString(CultureInfo.InvariantCulture)), overwrite: true);
            _writeFailing = false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (!_writeFailing)
            {
                LogWriteFailed(_logger, _path, ex.Message);
                _writeFailing = true;
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [LoggerMessage(0, LogLevel.Warning, "{Path} says {Last}, but messages up to seq {Floor} are waiting to be sent; continuing after {Floor}.")]
    private static partial void LogFloorAbove(ILogger logger, string path, long last, long floor);

    [LoggerMessage(0, LogLevel.Warning, "Cannot write {Path} ({Reason}); seq continues in memory and is written again with the next one.")]
    private static partial void LogWriteFailed(ILogger logger, string path, string reason);
}
