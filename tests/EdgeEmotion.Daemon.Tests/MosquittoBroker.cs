using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EdgeEmotion.Tests;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>A real mosquitto broker (Debian package) on a free loopback port, for one test class.</summary>
public sealed class MosquittoBroker : IDisposable
{
    private readonly TempDirectory _dir = new();
    private Process? _process;

    public MosquittoBroker()
    {
        Port = FreePort();
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
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new InvalidOperationException($"mosquitto did not listen on {Port}.");
    }

    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process?.Dispose();
        _process = null;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Stop();
        _dir.Dispose();
    }
}
