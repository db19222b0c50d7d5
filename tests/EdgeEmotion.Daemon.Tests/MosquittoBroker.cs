using EdgeEmotion.Tests;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>A real mosquitto broker (Debian package) on a free loopback port, for one test class.</summary>
public sealed class MosquittoBroker : IDisposable
{
    private readonly TempDirectory _dir = new();
    private ChildProcess? _process;

    public MosquittoBroker()
    {
        Port = LoopbackPort.Free();
        Start();
    }

    public int Port { get; }

    public void Start()
    {
        var conf = _dir.Combine("mosquitto.conf");
        File.WriteAllText(conf, $"listener {Port} 127.0.0.1\nallow_anonymous true\npersistence false\n");
        var exe = File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto";
        var process = _process = ChildProcess.Start(exe, ["-c", conf]);
        if (!LoopbackPort.WaitUntilListening(Port, TimeSpan.FromSeconds(10), () => process.HasExited ? new InvalidOperationException($"mosquitto exited: {process.Output} (apt-get install mosquitto)") : null))
        {
            throw new InvalidOperationException($"mosquitto did not listen on {Port}: {process.Output}");
        }
    }

    public void Stop()
    {
        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        _dir.Dispose();
    }
}
