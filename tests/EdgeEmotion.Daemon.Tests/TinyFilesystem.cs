using System.Diagnostics;
using EdgeEmotion.Tests;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>A small tmpfs mounted for one test, which <see cref="Fill"/> makes full as a kiosk's SD card gets.</summary>
public sealed class TinyFilesystem : IDisposable
{
    private readonly TempDirectory _dir;

    private TinyFilesystem(TempDirectory dir) => _dir = dir;

    public string Path => _dir.Path;

    private string Filler => System.IO.Path.Combine(Path, "filler");

    /// <summary>Mounts it, or returns null where mounting is not allowed (not root).</summary>
    public static TinyFilesystem? TryMount(int megabytes)
    {
        var dir = new TempDirectory();
        using var mount = Process.Start(new ProcessStartInfo("mount", ["-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", dir.Path]) { RedirectStandardError = true })!;
        mount.WaitForExit();
        if (mount.ExitCode != 0)
        {
            dir.Dispose();
            return null;
        }
        return new TinyFilesystem(dir);
    }

    /// <summary>Writes a file until the filesystem refuses (ENOSPC).</summary>
    public void Fill()
    {
        using var stream = new FileStream(Filler, FileMode.Create);
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
            // Full.
        }
    }

    public void Free() => File.Delete(Filler);

    public void Dispose()
    {
        using (var umount = Process.Start("umount", ["-l", Path]))
        {
            umount.WaitForExit();
        }
        _dir.Dispose();
    }
}
