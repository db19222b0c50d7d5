namespace EdgeEmotion.Daemon.Aggregation;

/// <summary>Writes a file so that a crash or power cut leaves either the old or the whole new
/// content: to a temporary name beside it, flushed to disk, then renamed. The seq counters and
/// the outbox files are written this way.</summary>
public static class DurableFile
{
    /// <exception cref="IOException">The disk refused (full, read-only); the temporary file is gone.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission; the temporary file is gone.</exception>
    public static void Write(string path, ReadOnlySpan<byte> content, bool overwrite)
    {
        var temp = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
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
