using System.Runtime.InteropServices;
using EdgeEmotion.Daemon.Options;

namespace EdgeEmotion.Daemon.StateDirectory;

/// <summary>
/// The state directory (<c>seq</c>, outbox) is created in one place, at start, and a problem
/// names the key and the path. <c>--check-config</c> only looks: it must write nothing, and
/// is run as documented from <c>/</c> by a user who cannot write there.
/// </summary>
internal static class StateDirectoryCheck
{
    private const int WriteAndSearch = 2 | 1; // W_OK | X_OK

    /// <summary>Creates the directory (start). Throws <see cref="UserInputException"/> naming key and path.</summary>
    public static void Create(DaemonOptions options) => Create(options.ResolvedStateDirectory);

    /// <summary>Creates <paramref name="path"/> if it is missing and requires it writable: the
    /// start's check, and the streams' own when they are opened without the daemon's start.</summary>
    public static void Create(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"StateDirectory: cannot create '{path}': {Reason(ex)}", ex);
        }
        RequireWritable(path);
    }

    /// <summary>Checks without writing (<c>--check-config</c>). Returns a note when the directory
    /// does not exist and cannot be made here, but was not set either: under the unit systemd
    /// provides it (<c>$STATE_DIRECTORY</c>), and the default (<c>./state</c>) depends on where the
    /// check runs. A set path that cannot be made is an error.</summary>
    public static string? CheckReadOnly(DaemonOptions options)
    {
        var path = Path.GetFullPath(options.ResolvedStateDirectory);
        if (File.Exists(path))
        {
            throw new UserInputException($"StateDirectory: '{path}' is a file, not a directory.");
        }
        if (Directory.Exists(path))
        {
            RequireWritable(path);
            return null;
        }
        var parent = Path.GetDirectoryName(path);
        while (parent is not null && !Directory.Exists(parent))
        {
            if (File.Exists(parent))
            {
                throw new UserInputException($"StateDirectory: cannot create '{path}': '{parent}' is a file.");
            }
            parent = Path.GetDirectoryName(parent);
        }
        if (parent is null || CanWrite(parent, out _))
        {
            return null;
        }
        if (options.StateDirectory.Length == 0 && Environment.GetEnvironmentVariable("STATE_DIRECTORY") is not { Length: > 0 })
        {
            return $"StateDirectory is not set, and its default here, '{path}' (./state of the working directory), cannot be made: no write permission on '{parent}'. The service gets its own from systemd (StateDirectory=); elsewhere set StateDirectory.";
        }
        throw new UserInputException($"StateDirectory: cannot create '{path}': no write permission on '{parent}'.");
    }

    private static void RequireWritable(string path)
    {
        if (!CanWrite(path, out var reason))
        {
            throw new UserInputException($"StateDirectory: cannot write to '{path}': {reason}");
        }
    }

    /// <summary>access(2) answers for this process's user without creating anything, which
    /// .NET's file API cannot (it would need a test file); it also sees read-only mounts.</summary>
    private static bool CanWrite(string directory, out string reason)
    {
        if (Access(directory, WriteAndSearch) == 0)
        {
            reason = "";
            return true;
        }
        reason = Marshal.GetLastPInvokeErrorMessage();
        return false;
    }

    private static string Reason(Exception ex) => ex is UnauthorizedAccessException { InnerException: { } inner } ? inner.Message : ex.Message;

    [DllImport("libc", EntryPoint = "access", SetLastError = true)]
    private static extern int Access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);
}
