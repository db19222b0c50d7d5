using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace EdgeEmotion.Daemon.StateDirectory;

/// <summary>
/// Who holds the state directory's lock: the process id its holder wrote into the lock file, and
/// that process's command name (<c>/proc/PID/comm</c>, as <c>ps</c> shows it) where readable.
/// The file is opened with libc's open(2), not .NET's: .NET takes a shared flock on every file it
/// opens for reading, which the holder's exclusive flock refuses, so .NET cannot read the file
/// while the lock is held.
/// </summary>
internal static class LockHolder
{
    private const int ReadOnlyCloseOnExec = 0x80000; // O_RDONLY | O_CLOEXEC on Linux

    public static string Describe(string lockFile)
    {
        if (ReadPid(lockFile) is not { } pid)
        {
            return "another process";
        }
        var name = CommandName(pid);
        return name is null
            ? string.Create(CultureInfo.InvariantCulture, $"process {pid}")
            : string.Create(CultureInfo.InvariantCulture, $"process {pid} ({name})");
    }

    private static int? ReadPid(string lockFile)
    {
        using var handle = new SafeFileHandle(Open(lockFile, ReadOnlyCloseOnExec), ownsHandle: true);
        if (handle.IsInvalid)
        {
            return null;
        }
        var buffer = new byte[32];
        int read;
        try
        {
            read = RandomAccess.Read(handle, buffer, 0);
        }
        catch (IOException)
        {
            return null;
        }
        var text = System.Text.Encoding.ASCII.GetString(buffer, 0, read).Trim();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
    }

    private static string? CommandName(int pid)
    {
        try
        {
            var name = File.ReadAllText($"/proc/{pid}/comm").Trim();
            return name.Length > 0 ? name : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // ended meanwhile, or another user's under hidepid
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern IntPtr Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
}
