using EdgeEmotion.Core.IO;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeEmotion.Daemon.Publishing.Durable;

/// <summary>
/// Hands out the <c>seq</c> numbers of one stream so that none is ever used for two messages,
/// whatever the disk does. Two files, each written to a temporary file, flushed, then renamed:
/// <list type="bullet">
/// <item><c>seq</c>: the reservation, the highest number that may be in use. Numbers are reserved
/// <see cref="Block"/> at a time and only a reserved number is handed out, so when the disk refuses
/// to extend the reservation <see cref="TryNext"/> says no rather than hand out a number a restart
/// would use again. A clean stop (<see cref="Release"/>) shrinks it to the last number used.</item>
/// <item><c>seq-used</c> (beside it, <see cref="UsedSuffix"/>): the last number used, written with
/// each one as far as the disk allows; it only tells a start where the unused part of a
/// reservation begins.</item>
/// </list>
/// After a crash (or a stop on a full disk) the unused rest of the reservation is skipped and
/// declared (<see cref="DeclaredGap"/>), so a subscriber can tell it from a loss. The next number is
/// also never at or below <c>floor</c> (the highest <c>seq</c> still in the stream's outbox), so a
/// lost or reset file never reuses the number of a message that waits to be sent.
/// </summary>
internal sealed partial class SeqStore
{
    /// <summary>Dashboards written in JavaScript read <c>seq</c> as a double: above this it loses precision.</summary>
    public const long Max = (1L << 53) - 1;

    /// <summary>Numbers reserved per write of <c>seq</c> (renewed when half is used): at least half
    /// of it can still be numbered once the disk is full, and a crash skips at most this many.</summary>
    public const int Block = 32;

    /// <summary>Appended to the <c>seq</c> file's name for the file of the last number used.</summary>
    public const string UsedSuffix = "-used";

    private readonly string _path;
    private readonly string _usedPath;
    private readonly ILogger _logger;
    private long _last;
    private long _reserved;
    private bool _reserveFailing;
    private bool _usedFailing;

    public SeqStore(string path, long floor = 0, ILogger? logger = null)
    {
        _path = path;
        _usedPath = path + UsedSuffix;
        _logger = logger ?? NullLogger.Instance;
        _reserved = Read(_path, "write the last seq your subscribers received (or any larger number up to {0}) into it") ?? 0;
        // Absent when an earlier version wrote seq (then seq was the last number used).
        var used = Read(_usedPath, "write the number in the seq file beside it into it") ?? _reserved;
        _last = Math.Max(used, floor);
        if (floor > Math.Max(used, _reserved))
        {
            LogFloorAbove(_logger, _path, Math.Max(used, _reserved), floor);
        }
        if (_reserved > _last)
        {
            DeclaredGap = new SeqRange(_last + 1, _reserved);
            LogGap(_logger, _path, DeclaredGap.ToString());
            _last = _reserved;
        }
        _reserved = _last;
        if (!File.Exists(_usedPath))
        {
            WriteUsed();
        }
        // Reserved at once, so that even a stream whose first message comes after the disk filled has numbers.
        Reserve(Math.Min(_last + Block, Max), quiet: true);
    }

    public long Last => _last;

    /// <summary>Numbers reserved before the last stop that were not used (a crash, or a stop on a
    /// full disk) and are skipped; null when the last stop left none.</summary>
    public SeqRange? DeclaredGap { get; }

    /// <summary>The next number, or false when it cannot be reserved durably (the disk refuses):
    /// the message then waits unnumbered.</summary>
    public bool TryNext(out long seq)
    {
        seq = 0;
        if (_last >= Max)
        {
            throw new InvalidDataException($"{_path}: seq reached {Max}, the largest a dashboard can read exactly; write a smaller number into it only if every subscriber was reset.");
        }
        if (_last + 1 > _reserved && !Reserve(Math.Min(_last + Block, Max), quiet: false))
        {
            return false;
        }
        if (_reserved - _last <= Block / 2)
        {
            // Extended ahead of need, so that a disk that fills now still leaves half a block to number with.
            Reserve(Math.Min(_last + Block, Max), quiet: true);
        }
        seq = ++_last;
        WriteUsed();
        return true;
    }

    /// <summary>At a clean stop: the reservation shrinks to the last number used, so the next start
    /// goes on without a gap. Left as it is when the disk refuses (the next start declares the gap).</summary>
    public void Release()
    {
        if (_reserved > _last && WriteUsed() && Reserve(_last, quiet: true))
        {
            return;
        }
        if (_reserved > _last)
        {
            LogReleaseFailed(_logger, _path, new SeqRange(_last + 1, _reserved).ToString());
        }
    }

    /// <param name="quiet">Extending ahead of need or giving back: a refusal is not news yet.</param>
    private bool Reserve(long upTo, bool quiet)
    {
        try
        {
            DurableFile.Write(_path, Ascii(upTo), overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (!quiet && !_reserveFailing)
            {
                _reserveFailing = true;
                LogReserveFailed(_logger, _path, ex.Message, _last);
            }
            return false;
        }
        if (_reserveFailing)
        {
            _reserveFailing = false;
            LogReserveWorks(_logger, _path);
        }
        _reserved = upTo;
        return true;
    }

    /// <summary>Best effort: a number whose use was not recorded only widens the gap a crash declares.</summary>
    private bool WriteUsed()
    {
        try
        {
            DurableFile.Write(_usedPath, Ascii(_last), overwrite: true);
            _usedFailing = false;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (!_usedFailing)
            {
                _usedFailing = true;
                LogUsedFailed(_logger, _usedPath, ex.Message);
            }
            return false;
        }
    }

    private static long? Read(string path, string advice)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var text = File.ReadAllText(path).Trim();
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > Max)
        {
            // Deleting it would restart at 1 and reuse numbers subscribers already have.
            throw new UserInputException($"{path}: holds '{Shorten(text)}', not a sequence number up to {Max}; {string.Format(CultureInfo.InvariantCulture, advice, Max)}.");
        }
        return value;
    }

    private static byte[] Ascii(long value) => System.Text.Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [LoggerMessage(0, LogLevel.Warning, "{Path} says {Last}, but messages up to seq {Floor} are waiting to be sent; continuing after {Floor}.")]
    private static partial void LogFloorAbove(ILogger logger, string path, long last, long floor);

    [LoggerMessage(0, LogLevel.Warning, "{Path}: seq {Gap} were reserved before the last stop but not used (a crash, or a stop while the disk was full); they are skipped, and stats declare them (seq_skipped, visits_seq_skipped).")]
    private static partial void LogGap(ILogger logger, string path, string gap);

    [LoggerMessage(0, LogLevel.Warning, "Cannot reserve seq numbers in {Path} ({Reason}): new messages wait in memory, unnumbered, until it can (the last seq used is {Last}).")]
    private static partial void LogReserveFailed(ILogger logger, string path, string reason, long last);

    [LoggerMessage(0, LogLevel.Information, "{Path}: reserving seq numbers works again.")]
    private static partial void LogReserveWorks(ILogger logger, string path);

    [LoggerMessage(0, LogLevel.Warning, "Cannot write {Path} ({Reason}); numbering goes on within the reservation, and a crash now would skip (and declare) its unused rest.")]
    private static partial void LogUsedFailed(ILogger logger, string path, string reason);

    [LoggerMessage(0, LogLevel.Warning, "Cannot give back the unused seq {Gap} in {Path} at stop (the disk refuses): the next start skips them and declares them in stats.")]
    private static partial void LogReleaseFailed(ILogger logger, string path, string gap);
}
