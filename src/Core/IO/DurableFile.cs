namespace EdgeEmotion.Core.IO;

/// <summary>Writes a file so that a crash or power cut leaves either the old or the whole new
/// content: to a temporary name beside it, flushed to disk, then renamed. Every file the programs
/// must not leave half-written goes through here (checkpoints, run state, dataset caches, the
/// daemon's seq counters and outbox).</summary>
public static class DurableFile
{
    /// <summary>Ends the temporary file's name (the target's name plus this), which a kill
    /// mid-write leaves behind; readers of a folder of durable files skip or delete it.</summary>
    public const string TemporarySuffix = ".tmp";

    /// <exception cref="IOException">The disk refused (full, read-only); the temporary file is gone.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission; the temporary file is gone.</exception>
    public static void Write(string path, ReadOnlyMemory<byte> content, bool overwrite) =>
        Write(path, stream => stream.Write(content.Span), overwrite);

    /// <summary>Writes through <paramref name="write"/>, which must leave the stream open.</summary>
    public static void Write(string path, Action<Stream> write, bool overwrite = true) =>
        Commit(path, overwrite, temp =>
        {
            using var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None);
            write(stream);
            stream.Flush(flushToDisk: true);
        });

    /// <summary>For libraries that write only to a path they are given (TorchSharp's
    /// <c>save</c>): they write the temporary file, which is then flushed and renamed.</summary>
    public static void Save(string path, Action<string> save, bool overwrite = true) =>
        Commit(path, overwrite, temp =>
        {
            save(temp);
            using var stream = new FileStream(temp, FileMode.Open, FileAccess.Write, FileShare.None);
            stream.Flush(flushToDisk: true);
        });

    private static void Commit(string path, bool overwrite, Action<string> writeTemporary)
    {
        var temp = path + TemporarySuffix;
        try
        {
            writeTemporary(temp);
            File.Move(temp, path, overwrite);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left behind: the next write replaces it, and an outbox skips .tmp files at start.
            }
            throw;
        }
    }
}
