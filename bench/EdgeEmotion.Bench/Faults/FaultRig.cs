using System.Diagnostics;
using System.Globalization;
using EdgeEmotion.Tests;
using EdgeEmotion.Daemon.Tests;

namespace EdgeEmotion.Bench.Faults;

/// <summary>
/// Everything the fault run sets up, and the faults themselves: a real mosquitto with persistence,
/// the stalling proxy the daemon reaches it through, the tmpfs state directory, the persistent
/// subscriber that records what arrives, and the daemon process.
/// </summary>
public sealed class FaultRig : IAsyncDisposable
{
    public const string DeviceId = "faults-bench";
    private const string Prefix = "edgeemotion";

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly PersistentMosquitto _mosquitto;
    private readonly TcpFaultProxy _proxy;
    private readonly TmpfsMount _state;
    private readonly PersistentSubscriber _subscriber;
    private readonly RestartableDaemon _daemon;
    private readonly List<(double Megabytes, FaultKind? During)> _memory = [];

    private FaultRig(string work, FaultSettings settings, IReadOnlyList<string> daemonSettings)
    {
        Work = work;
        DefaultSource = VisitClip.SourceUri(work);
        // The mount first: it is what fails without root, and it leaves nothing running behind.
        _state = TmpfsMount.Mount(Path.Combine(work, "state"), (int)settings.TmpfsMegabytes);
        _mosquitto = new PersistentMosquitto(Path.Combine(work, "mosquitto"));
        try
        {
            _mosquitto.Start();
        }
        catch
        {
            _state.Dispose();
            throw;
        }
        _proxy = new TcpFaultProxy(_mosquitto.Port, ProxyMode.Forward);
        _subscriber = new PersistentSubscriber(_mosquitto.Port, "faults-bench-subscriber",
            [$"{Prefix}/{DeviceId}/emotions", $"{Prefix}/{DeviceId}/visits", $"{Prefix}/{DeviceId}/stats"],
            Arrived);
        // The bench's defaults first: settings given on the command line come later and win.
        _daemon = new RestartableDaemon(
            [
                $"--Source:Uri={DefaultSource}", "--Aggregation:WindowSeconds=5",
                .. daemonSettings,
                // These the run depends on: where the broker and the state are, and the log of what was acknowledged.
                "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={_proxy.Port}", $"--Mqtt:TopicPrefix={Prefix}", $"--DeviceId={DeviceId}",
                $"--StateDirectory={_state.Path}", "--Mqtt:LogMessages=true",
            ],
            Path.Combine(work, "daemon.log"), Log,
            (stream, seq) => (stream == "visits" ? Visits : Windows).Acknowledged(seq));
    }

    public string Work { get; }

    private void Arrived(string topic, byte[] payload)
    {
        if (topic.EndsWith("/stats", StringComparison.Ordinal))
        {
            // Each stream's declared gap (numbers reserved before a crash and never used).
            Windows.Declared(payload, "seq_skipped");
            Visits.Declared(payload, "visits_seq_skipped");
            return;
        }
        (topic.EndsWith("/visits", StringComparison.Ordinal) ? Visits : Windows).Arrived(payload);
    }

    /// <summary>The daemon's source unless the command line gives one (<see cref="VisitClip"/>).</summary>
    public string DefaultSource { get; }

    public MessageLedger Windows { get; } = new("emotions");

    public MessageLedger Visits { get; } = new("visits");

    public RestartableDaemon Daemon => _daemon;

    public int SubscriberReconnects => _subscriber.Reconnects;

    public IReadOnlyList<(double Megabytes, FaultKind? During)> Memory => _memory;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Ctrl+C: the run skips to its end (stop, tally, clean-up) instead of leaving a
    /// mounted tmpfs, a broker and a daemon behind.</summary>
    public bool Interrupted { get; private set; }

    public static async Task<FaultRig> StartAsync(string work, FaultSettings settings, IReadOnlyList<string> daemonSettings)
    {
        var rig = new FaultRig(work, settings, daemonSettings);
        try
        {
            // Subscribed before the daemon publishes its first window.
            await rig._subscriber.StartAsync();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = !rig.Interrupted; // a second Ctrl+C ends at once
                rig.Interrupted = true;
                rig.Log("interrupted: finishing (Ctrl+C again to abandon)");
            };
            rig._daemon.Start();
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    public void Log(string text) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed:mm\\:ss}] {text}"));

    public void Begin(FaultKind fault)
    {
        switch (fault)
        {
            case FaultKind.BrokerStall:
                _proxy.Mode = ProxyMode.Stall;
                break;
            case FaultKind.BrokerKill:
                _mosquitto.Kill();
                break;
            case FaultKind.DiskFull or FaultKind.DiskFullRestart:
                _state.Fill();
                break;
            case FaultKind.DaemonKill:
                _daemon.Kill();
                break;
        }
    }

    /// <summary>Keeps a fault in force: the daemon frees space whenever the broker acknowledges an
    /// outbox file, so a full disk is filled again.</summary>
    public void Hold(FaultKind fault)
    {
        if (fault is FaultKind.DiskFull or FaultKind.DiskFullRestart)
        {
            _state.Fill();
        }
    }

    public void End(FaultKind fault)
    {
        switch (fault)
        {
            case FaultKind.BrokerStall:
                _proxy.Mode = ProxyMode.Forward;
                break;
            case FaultKind.BrokerKill:
                _mosquitto.Start();
                break;
            case FaultKind.DiskFull:
                _state.Free();
                break;
            case FaultKind.DiskFullRestart:
                // Stopped as systemd stops it, on the full disk, then started on a disk with room.
                if (!_daemon.Terminate(TimeSpan.FromSeconds(30)))
                {
                    Log("daemon did not stop within 30 s of SIGTERM on the full disk: killed");
                }
                _state.Free();
                _daemon.Start();
                break;
            case FaultKind.DaemonKill:
                _daemon.Start();
                break;
        }
    }

    /// <summary>Once a second: the daemon's memory, a fault kept in force, an unasked exit noticed.</summary>
    public async Task RunForAsync(TimeSpan duration, FaultKind? during, Func<bool>? until = null)
    {
        var end = _clock.Elapsed + duration;
        while (_clock.Elapsed < end && !Interrupted && !(until?.Invoke() ?? false))
        {
            if (during is { } fault)
            {
                Hold(fault);
            }
            _daemon.RestartIfItDied();
            if (_daemon.ResidentMegabytes() is { } rss)
            {
                _memory.Add((rss, during));
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The last seq a stream used, from its file in the state directory (0 before the first).</summary>
    public long LastSeq(string file)
    {
        var path = Path.Combine(_state.Path, file);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return File.Exists(path) ? long.Parse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture) : 0;
            }
            catch (Exception ex) when (attempt < 20 && ex is IOException or FormatException)
            {
                Thread.Sleep(50); // replaced while being read
            }
        }
    }

    /// <summary>The seqs waiting in a stream's outbox folder (files named <c>&lt;seq&gt;.json</c>).</summary>
    public IReadOnlySet<long> OnDisk(string folder)
    {
        var path = Path.Combine(_state.Path, folder);
        if (!Directory.Exists(path))
        {
            return new HashSet<long>();
        }
        return Directory.GetFiles(path, "*.json")
            .Select(f => long.TryParse(Path.GetFileNameWithoutExtension(f), NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : -1)
            .Where(s => s >= 0).ToHashSet();
    }

    /// <summary>Files the daemon set aside as not valid messages (should be none).</summary>
    public int Quarantined()
    {
        var path = Path.Combine(_state.Path, "quarantine");
        return Directory.Exists(path) ? Directory.GetFiles(path).Length : 0;
    }

    public async ValueTask DisposeAsync()
    {
        _daemon.Dispose();
        await _subscriber.DisposeAsync();
        _proxy.Dispose();
        _mosquitto.Dispose();
        _state.Dispose();
    }
}
