using EdgeEmotion.Tests;

namespace EdgeEmotion.Dashboard.Tests;

/// <summary>mosquitto (Debian's, 2.0 builds have WebSockets) with the two listeners the README
/// shows for a real broker: MQTT for the devices and MQTT over WebSockets for the page.</summary>
public sealed class WebSocketMosquitto : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ChildProcess _process;

    public WebSocketMosquitto()
    {
        Port = LoopbackPort.Free();
        WebSocketPort = LoopbackPort.Free();
        var conf = _dir.Combine("mosquitto.conf");
        File.WriteAllText(conf, $"""
            listener {Port} 127.0.0.1
            listener {WebSocketPort} 127.0.0.1
            protocol websockets
            allow_anonymous true
            persistence false
            """);
        var exe = File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto";
        _process = ChildProcess.Start(exe, ["-c", conf]);
        if (!LoopbackPort.WaitUntilListening(Port, TimeSpan.FromSeconds(10)) || !LoopbackPort.WaitUntilListening(WebSocketPort, TimeSpan.FromSeconds(10)))
        {
            throw new InvalidOperationException($"mosquitto did not listen on {Port} and {WebSocketPort}: {_process.Output} (apt-get install mosquitto)");
        }
    }

    public int Port { get; }

    public int WebSocketPort { get; }

    public string WebSocketUrl => $"ws://127.0.0.1:{WebSocketPort}";

    public void Dispose()
    {
        _process.Dispose();
        _dir.Dispose();
    }
}
