using System.Diagnostics;
using EdgeEmotion.Tests;

namespace EdgeEmotion.Bench.Faults;

/// <summary>
/// A real mosquitto (Debian package) on a free loopback port that keeps its sessions on disk, so
/// that killing it loses nothing the daemon already handed over: the subscriber's persistent
/// session and the messages queued for it survive a restart. Saving after every change is slow
/// for a real broker but exact here, and what is measured is the daemon, not the broker.
/// </summary>
public sealed class PersistentMosquitto : IDisposable
{
    private readonly string _directory;
    private readonly string _config;
    private Process? _process;

    public PersistentMosquitto(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
        Port = LoopbackPort.Free();
        _config = Path.Combine(directory, "mosquitto.conf");
        // 'user root': started as root, mosquitto would otherwise switch to the 'mosquitto' user,
        // which cannot write the persistence file in a root-owned directory.
        File.WriteAllText(_config, $"""
            listener {Port} 127.0.0.1
            allow_anonymous true
            persistence true
            persistence_location {directory}/
            autosave_on_changes true
            autosave_interval 1
            user root
            log_dest file {Path.Combine(directory, "mosquitto.log")}
            log_type error
            log_type warning
            log_type notice
            """);
    }

    public int Port { get; }

    public int Starts { get; private set; }

    public void Start()
    {
        var exe = File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto";
        try
        {
            _process = Process.Start(new ProcessStartInfo(exe, ["-c", _config]) { RedirectStandardError = true, RedirectStandardOutput = true })
                ?? throw new InvalidOperationException("mosquitto did not start (apt-get install mosquitto).");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"mosquitto: cannot run '{exe}' ({ex.Message}); apt-get install mosquitto (deploy/install-build-deps.sh).", ex);
        }
        Starts++;
        var listening = LoopbackPort.WaitUntilListening(Port, TimeSpan.FromSeconds(10), () => _process.HasExited
            ? new InvalidOperationException($"mosquitto exited with code {_process.ExitCode}: {_process.StandardError.ReadToEnd().Trim()} (see {_directory}/mosquitto.log).")
            : null);
        if (!listening)
        {
            throw new InvalidOperationException($"mosquitto did not listen on {Port} within 10 s (see {_directory}/mosquitto.log).");
        }
    }

    /// <summary>SIGKILL: the broker's host losing power or the OOM killer, not a clean stop.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Kill();
}
