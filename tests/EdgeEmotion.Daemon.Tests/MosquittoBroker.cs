using System.Diagnostics;
using EdgeEmotion.Tests;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>A real mosquitto broker (Debian package) on a free loopback port, for one test class.</summary>
public sealed class MosquittoBroker : IDisposable
{
    private readonly TempDirectory _dir = new();
    private Process? _process;

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
        _process = Process.Start(new ProcessStartInfo(exe, ["-c", conf]) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("mosquitto did not start (apt-get install mosquitto).");
        if (!LoopbackPort.WaitUntilListening(Port, TimeSpan.FromSeconds(10)))
        {
            throw new InvalidOperationException($"mosquitto did not listen on {Port}.");
        }
    }

    public void Stop()
    {
        _process.KillAndDispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        _dir.Dispose();
    }
}
