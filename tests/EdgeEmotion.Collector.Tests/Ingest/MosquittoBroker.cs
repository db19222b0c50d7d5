namespace EdgeEmotion.Collector.Tests.Ingest;

/// <summary>A real mosquitto (Debian package) on a free loopback port, one for the test assembly;
/// tests keep apart by topic prefix, shared-subscription group and client id. Persistence is on
/// (in a temporary folder) so that a restarted broker still holds the collectors' sessions. Up to
/// 1,000 messages in flight to a client (mosquitto's default is 20), as the collector's guide
/// recommends: the collector acknowledges a batch after its commit, and 20 makes batches of 20.</summary>
public sealed class MosquittoBroker : IDisposable
{
    private readonly TempDirectory _dir = new();
    private ChildProcess? _process;

    public MosquittoBroker()
    {
        if (Environment.IsPrivilegedProcess)
        {
            // Started as root, mosquitto drops to its own user, which must be able to write its
            // persistence file here (without it, nothing outlives a restart).
            Command.Run("chown", ["mosquitto:", _dir.Path], TimeSpan.FromMinutes(1));
        }
        Port = LoopbackPort.Free();
        Start();
    }

    public int Port { get; }

    public void Start()
    {
        var conf = _dir.Combine("mosquitto.conf");
        File.WriteAllText(conf, $"""
            listener {Port} 127.0.0.1
            allow_anonymous true
            persistence true
            persistence_location {_dir.Path}/
            autosave_interval 1
            max_queued_messages 0
            max_inflight_messages 1000
            """);
        var exe = File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto";
        var process = _process = ChildProcess.Start(exe, ["-c", conf]);
        if (!LoopbackPort.WaitUntilListening(Port, TimeSpan.FromSeconds(10), () => process.HasExited ? new InvalidOperationException($"mosquitto exited: {process.Output} (apt-get install mosquitto)") : null))
        {
            throw new InvalidOperationException($"mosquitto did not listen on {Port}: {process.Output}");
        }
    }

    /// <summary>A clean stop (SIGTERM), which writes the persistence file.</summary>
    public void Stop()
    {
        if (_process is { } process)
        {
            process.Signal("TERM");
            process.WaitForExit(TimeSpan.FromSeconds(30));
            process.Dispose();
            _process = null;
        }
    }

    public void Dispose()
    {
        Stop();
        _dir.Dispose();
    }
}
