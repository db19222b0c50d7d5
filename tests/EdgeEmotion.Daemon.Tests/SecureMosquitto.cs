using EdgeEmotion.Tests;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>mosquitto with a TLS listener (certificate signed by a CA made here with openssl) and a
/// plain loopback listener for the test's own subscriber; both require user <c>kiosk</c> with a
/// password from a password file made with mosquitto_passwd.</summary>
public sealed class SecureMosquitto : IDisposable
{
    public const string User = "kiosk";
    public const string Password = "s3cret-Pa55";
    private readonly TempDirectory _dir = new();
    private readonly ChildProcess _process;

    public SecureMosquitto()
    {
        TlsPort = LoopbackPort.Free();
        PlainPort = LoopbackPort.Free();
        Run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=EdgeEmotion test CA");
        Run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
        File.WriteAllText(_dir.Combine("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        Run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "san.ext");
        Run("mosquitto_passwd", "-b", "-c", "passwords", User, Password);
        // mosquitto started as root drops to its own user, which must read the test key.
        File.SetUnixFileMode(_dir.Combine("server.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.WriteAllText(_dir.Combine("password"), Password + "\n");
        File.WriteAllText(_dir.Combine("wrong-password"), "not-it\n");
        File.WriteAllText(_dir.Combine("mosquitto.conf"), $"""
            per_listener_settings false
            allow_anonymous false
            password_file {_dir.Combine("passwords")}
            persistence false
            listener {TlsPort} 127.0.0.1
            cafile {CaFile}
            certfile {_dir.Combine("server.pem")}
            keyfile {_dir.Combine("server.key")}
            listener {PlainPort} 127.0.0.1
            """);
        var process = _process = ChildProcess.Start("/usr/sbin/mosquitto", ["-c", _dir.Combine("mosquitto.conf")]);
        if (!LoopbackPort.WaitUntilListening(PlainPort, TimeSpan.FromSeconds(10), () => process.HasExited ? new InvalidOperationException($"mosquitto exited: {process.Output}") : null))
        {
            throw new InvalidOperationException($"mosquitto did not listen on {PlainPort}: {process.Output}");
        }
    }

    public int TlsPort { get; }
    public int PlainPort { get; }
    public string CaFile => _dir.Combine("ca.pem");
    public string PasswordFile => _dir.Combine("password");
    public string WrongPasswordFile => _dir.Combine("wrong-password");

    private void Run(string exe, params string[] args) =>
        Command.Run(exe, args, TimeSpan.FromMinutes(1), workingDirectory: _dir.Path);

    public void Dispose()
    {
        _process.Dispose();
        _dir.Dispose();
    }
}
