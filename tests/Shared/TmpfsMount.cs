namespace EdgeEmotion.Tests;

/// <summary>A small tmpfs (for a daemon's state directory), which <see cref="Fill"/> makes full
/// (ENOSPC) as a kiosk's SD card gets, and <see cref="Free"/> empties again. Needs root. Shared by
/// the tests and the fault-injection benchmark (linked).</summary>
public sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    private string Filler => System.IO.Path.Combine(Path, "filler");

    public static TmpfsMount Mount(string path, int megabytes) =>
        TryMount(path, megabytes, out var error) ?? throw new InvalidOperationException(
            $"mount -t tmpfs -o size={megabytes}m on {path} failed ({error}): a full disk can only be made as root.");

    /// <summary>Mounts it, or returns null (and why) where mounting is not allowed (not root).</summary>
    public static TmpfsMount? TryMount(string path, int megabytes, out string error)
    {
        Directory.CreateDirectory(path);
        var (exit, stderr) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        error = stderr.Trim();
        if (exit != 0)
        {
            Directory.Delete(path);
            return null;
        }
        return new TmpfsMount(path);
    }

    /// <summary>Appends to the filler file until the filesystem refuses. Called again during the
    /// fault: the daemon frees space whenever the broker acknowledges an outbox file.</summary>
    public void Fill()
    {
        using var stream = new FileStream(Filler, FileMode.Append);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                stream.Write(block);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            // Full (ENOSPC).
        }
    }

    public void Free() => File.Delete(Filler);

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path);
        }
        catch (IOException)
        {
            // Still busy: the lazy unmount finishes once the last file is closed; /tmp is cleaned later.
        }
    }

    private static (int Exit, string Error) Run(string program, params string[] args)
    {
        var (exit, _, error) = Command.ExecApart(program, args, TimeSpan.FromMinutes(1));
        return (exit, error);
    }
}
