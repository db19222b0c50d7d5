using System.Diagnostics;

namespace EdgeEmotion.Bench.Faults;

/// <summary>A small tmpfs for the daemon's state directory, which <see cref="Fill"/> makes full
/// (ENOSPC) as a kiosk's SD card gets, and <see cref="Free"/> empties again. Needs root.</summary>
public sealed class TmpfsStateDirectory : IDisposable
{
    private TmpfsStateDirectory(string path) => Path = path;

    public string Path { get; }

    private string Filler => System.IO.Path.Combine(Path, "filler");

    public static TmpfsStateDirectory Mount(string path, int megabytes)
    {
        Directory.CreateDirectory(path);
        var (exit, error) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        if (exit != 0)
        {
            Directory.Delete(path);
            throw new InvalidOperationException($"mount -t tmpfs -o size={megabytes}m on {path} failed ({error.Trim()}): the disk-full fault needs root.");
        }
        return new TmpfsStateDirectory(path);
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
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}
