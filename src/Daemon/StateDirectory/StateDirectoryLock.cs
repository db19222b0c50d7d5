namespace EdgeEmotion.Daemon.StateDirectory;

/// <summary>
/// An exclusive lock on the state directory (<c>{StateDirectory}/lock</c>, flock through .NET's
/// <see cref="FileShare.None"/>), held for the daemon's lifetime: two daemons on one directory would
/// hand out the same <c>seq</c> and overwrite each other's outbox. The kernel releases it when the
/// process dies, even by SIGKILL, so a crash never leaves a stale lock. The file holds the owner's
/// process id so that the refusal can say who holds it.
/// </summary>
internal sealed class StateDirectoryLock : IDisposable
{
    private readonly FileStream _stream;

    private StateDirectoryLock(FileStream stream) => _stream = stream;

    public static StateDirectoryLock Acquire(string directory)
    {
        var path = Path.Combine(directory, "lock");
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new UserInputException(
                $"StateDirectory: '{directory}' is in use by {LockHolder.Describe(path)}; each daemon needs its own StateDirectory (and DeviceId).");
        }
        stream.SetLength(0);
        stream.Write(System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
        stream.Flush(flushToDisk: true);
        return new StateDirectoryLock(stream);
    }

    public void Dispose() => _stream.Dispose();
}
