namespace EdgeEmotion.Tests;

/// <summary>A real mosquitto (Debian's package) on free loopback ports, configured for what a test
/// needs; the variants below are the fixtures test classes and assemblies share.</summary>
public abstract class Mosquitto : IDisposable
{
    public const string User = "kiosk";
    public const string Password = "s3cret-Pa55";

    private readonly TempDirectory _dir = new();
    private readonly Setup _setup;
    private ChildProcess? _process;

    /// <param name="WebSockets">a second listener speaking MQTT over WebSockets, as the README shows for the page</param>
    /// <param name="Persistent">sessions and queued messages outlive a restart (a clean stop writes them)</param>
    /// <param name="Secure">a TLS listener (certificate from a CA made here with openssl) besides the plain one; both require <see cref="User"/> with <see cref="Password"/></param>
    /// <param name="MaxInflight">messages in flight to one client (mosquitto's default is 20)</param>
    /// <param name="MaxQueued">messages queued for an absent client, 0 for no bound; null keeps mosquitto's default (1,000)</param>
    /// <param name="Extra">lines after the listeners: a bridge's section, say</param>
    protected sealed record Setup(bool WebSockets = false, bool Persistent = false, bool Secure = false, int MaxInflight = 20, int? MaxQueued = null, IReadOnlyList<string>? Extra = null);

    protected Mosquitto(Setup setup)
    {
        _setup = setup;
        Port = LoopbackPort.Free();
        WebSocketPort = setup.WebSockets ? LoopbackPort.Free() : 0;
        TlsPort = setup.Secure ? LoopbackPort.Free() : 0;
        if (setup.Secure)
        {
            MakeCertificatesAndPasswords();
        }
        try
        {
            if (setup.Persistent && Environment.IsPrivilegedProcess)
            {
                // Started as root, mosquitto drops to its own user, which must be able to write its
                // persistence file here (without it, nothing outlives a restart).
                Command.Run("chown", ["mosquitto:", _dir.Path], TimeSpan.FromMinutes(1));
            }
            Start();
        }
        catch
        {
            // A fixture whose constructor throws is never disposed: nothing of it may outlive the run.
            _dir.Dispose();
            throw;
        }
    }

    /// <summary>The plain MQTT listener.</summary>
    public int Port { get; }

    public int WebSocketPort { get; }

    public string WebSocketUrl => $"ws://127.0.0.1:{WebSocketPort}";

    public int TlsPort { get; }

    public string CaFile => _dir.Combine("ca.pem");

    public string PasswordFile => _dir.Combine("password");

    public string WrongPasswordFile => _dir.Combine("wrong-password");

    public void Start()
    {
        var conf = _dir.Combine("mosquitto.conf");
        File.WriteAllText(conf, Configuration());
        var exe = File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto";
        var process = _process = ChildProcess.Start(exe, ["-c", conf]);
        try
        {
            foreach (var port in new[] { Port, WebSocketPort, TlsPort }.Where(p => p > 0))
            {
                if (!LoopbackPort.WaitUntilListening(port, TimeSpan.FromSeconds(30), () => process.HasExited ? new InvalidOperationException($"mosquitto exited: {process.Output} (apt-get install mosquitto)") : null))
                {
                    throw new InvalidOperationException($"mosquitto did not listen on {port}: {process.Output}");
                }
            }
        }
        catch
        {
            process.Dispose();
            _process = null;
            throw;
        }
    }

    /// <summary>Stops the broker: cleanly (SIGTERM, which writes the persistence file) when it is
    /// persistent, at once otherwise.</summary>
    public void Stop()
    {
        if (_process is not { } process)
        {
            return;
        }
        if (_setup.Persistent)
        {
            process.Signal("TERM");
            process.WaitForExit(TimeSpan.FromSeconds(30));
        }
        process.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }

    private string Configuration()
    {
        var lines = new List<string> { "per_listener_settings false", "persistence " + (_setup.Persistent ? "true" : "false") };
        if (_setup.Persistent)
        {
            lines.AddRange([$"persistence_location {_dir.Path}/", "autosave_interval 1"]);
        }
        if (_setup.MaxQueued is { } queued)
        {
            lines.Add($"max_queued_messages {queued}");
        }
        lines.Add($"max_inflight_messages {_setup.MaxInflight}");
        lines.AddRange(_setup.Secure ? ["allow_anonymous false", $"password_file {_dir.Combine("passwords")}"] : ["allow_anonymous true"]);
        lines.Add($"listener {Port} 127.0.0.1");
        if (_setup.WebSockets)
        {
            lines.AddRange([$"listener {WebSocketPort} 127.0.0.1", "protocol websockets"]);
        }
        if (_setup.Secure)
        {
            lines.AddRange([$"listener {TlsPort} 127.0.0.1", $"cafile {CaFile}", $"certfile {_dir.Combine("server.pem")}", $"keyfile {_dir.Combine("server.key")}"]);
        }
        lines.AddRange(_setup.Extra ?? []);
        return string.Join('\n', lines) + "\n";
    }

    private void MakeCertificatesAndPasswords()
    {
        Run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=EdgeEmotion test CA");
        Run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
        File.WriteAllText(_dir.Combine("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        Run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "san.ext");
        Run("mosquitto_passwd", "-b", "-c", "passwords", User, Password);
        // mosquitto started as root drops to its own user, which must read the test key (the tests
        // run on Linux only; the guard tells the platform analyzer so).
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(_dir.Combine("server.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        File.WriteAllText(_dir.Combine("password"), Password + "\n");
        File.WriteAllText(_dir.Combine("wrong-password"), "not-it\n");
    }

    private void Run(string exe, params string[] args) =>
        Command.Run(exe, args, TimeSpan.FromMinutes(1), workingDirectory: _dir.Path);
}

/// <summary>Anonymous MQTT on one loopback port, nothing kept: the common case, for one test class.</summary>
public sealed class MosquittoBroker() : Mosquitto(new Setup());

/// <summary>The same broker once per test assembly (<c>[assembly: AssemblyFixture]</c>), for the
/// classes that never stop or restart it and keep to device ids of their own; a class that
/// restarts its broker takes a <see cref="MosquittoBroker"/> (a restart would cut off the classes
/// running beside it).</summary>
public sealed class SharedMosquitto() : Mosquitto(new Setup());

/// <summary>Plain MQTT for the devices and MQTT over WebSockets for the page.</summary>
public sealed class WebSocketMosquitto() : Mosquitto(new Setup(WebSockets: true));

/// <summary>TLS and a password: the plain listener for the test's own subscriber, TLS for the daemon.</summary>
public sealed class SecureMosquitto() : Mosquitto(new Setup(Secure: true));

/// <summary>Sessions outlive a restart, and up to 1,000 messages in flight to a client, as the
/// collector's guide recommends (it acknowledges a batch after its commit; 20 makes batches of 20).</summary>
public sealed class PersistentMosquitto() : Mosquitto(new Setup(Persistent: true, MaxInflight: 1000, MaxQueued: 0));

/// <summary>A kiosk's mosquitto as Debian installs it (sessions kept on disk, mosquitto's
/// queue and in-flight defaults) with the lines an installer adds: <paramref name="lines"/>.</summary>
public sealed class KioskMosquitto(IReadOnlyList<string> lines) : Mosquitto(new Setup(Persistent: true, Extra: lines));
