using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>The daemon under a fake systemd: a datagram socket as NOTIFY_SOCKET records READY,
/// WATCHDOG and STOPPING.</summary>
public sealed class SystemdNotifyTests(SharedMosquitto broker)
{
    private sealed class FakeSystemd : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        private readonly CancellationTokenSource _stop = new();

        public FakeSystemd(string path)
        {
            Path = path;
            _socket.Bind(new UnixDomainSocketEndPoint(path));
            _ = Task.Run(async () =>
            {
                var buffer = new byte[4096];
                while (!_stop.IsCancellationRequested)
                {
                    var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                    foreach (var line in Encoding.UTF8.GetString(buffer, 0, n).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    {
                        Messages.Enqueue((line, DateTime.UtcNow));
                    }
                }
            });
        }

        public string Path { get; }
        public ConcurrentQueue<(string Line, DateTime At)> Messages { get; } = new();

        public void Dispose()
        {
            _stop.Cancel();
            _socket.Dispose();
        }
    }

    private DaemonProcess StartUnderFakeSystemd(FakeSystemd systemd, string state, double fps)
    {
        var dll = System.IO.Path.Combine(AppContext.BaseDirectory, "edgeemotion-daemon.dll");
        var args = $"--Mqtt:Host=127.0.0.1 --Mqtt:Port={broker.Port} --DeviceId=kiosk-systemd --StateDirectory={state} --Source:Uri=images://{DemoPictures.Folder}?fps={fps.ToString(System.Globalization.CultureInfo.InvariantCulture)} --Detector:InputWidth=320";
        // systemd's helper only activates for the process systemd started: SYSTEMD_EXEC_PID must be ours.
        var start = new ProcessStartInfo("sh", ["-c", $"SYSTEMD_EXEC_PID=$$ exec dotnet {dll} {args}"]);
        start.Environment["NOTIFY_SOCKET"] = systemd.Path;
        start.Environment["WATCHDOG_USEC"] = WatchdogUsec.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return DaemonProcess.Start(start);
    }

    private const long WatchdogUsec = 1_000_000;

    /// <summary>systemd's rule: ping at half of WATCHDOG_USEC.</summary>
    private static readonly TimeSpan PingInterval = TimeSpan.FromMicroseconds(WatchdogUsec / 2.0);

    private static Task WaitFor(FakeSystemd systemd, string line) =>
        Wait.Until(() => systemd.Messages.Any(m => m.Line == line), line, seen: () => string.Join(", ", systemd.Messages.Select(m => m.Line)));

    private static int Pings(FakeSystemd systemd, DateTime after) => systemd.Messages.Count(m => m.Line == "WATCHDOG=1" && m.At > after);

    [Fact]
    public async Task Ready_then_watchdog_pings_while_frames_flow_then_stopping_on_SIGTERM()
    {
        using var dir = new TempDirectory();
        using var systemd = new FakeSystemd(dir.Combine("notify"));
        var launched = DateTime.UtcNow;
        using var daemon = StartUnderFakeSystemd(systemd, dir.Combine("state"), fps: 10);
        await WaitFor(systemd, "READY=1");
        var ready = systemd.Messages.First(m => m.Line == "READY=1").At;
        // Pings keep coming while frames are analysed...
        await Wait.Until(() => Pings(systemd, ready) >= 5, "five watchdog pings after READY", seen: () => $"{Pings(systemd, ready)} pings");
        // ...and no more often than every half WATCHDOG_USEC: the daemon's timer cannot have ticked
        // more often than that since it was launched, however busy the machine (a bound, not a rate).
        var observed = DateTime.UtcNow;
        var allPings = Pings(systemd, DateTime.MinValue);
        Assert.True(allPings <= ((observed - launched) / PingInterval) + 1, $"{allPings} pings in {(observed - launched).TotalSeconds:0.0} s since launch");

        Assert.True(daemon.Terminate(DaemonProcess.UnitStopTimeout), daemon.Output);
        await WaitFor(systemd, "STOPPING=1");
        Assert.Equal(0, daemon.ExitCode);
    }

    [Fact]
    public async Task A_stalled_pipeline_stops_the_watchdog_pings()
    {
        using var dir = new TempDirectory();
        using var systemd = new FakeSystemd(dir.Combine("notify"));
        // One frame every 5 s: between frames the pipeline makes no progress, as if it hung.
        using var daemon = StartUnderFakeSystemd(systemd, dir.Combine("state"), fps: 0.2);
        await WaitFor(systemd, "READY=1");
        var ready = systemd.Messages.First(m => m.Line == "READY=1").At;
        // A ping needs a frame analysed since the last ping: one frame, one ping at most, and the
        // next frame is 5 s after the first. Absence is the subject here, so the test watches for
        // a fixed span (six ping periods after READY) in which pings would come every 0.5 s if
        // progress were not required; a busy machine can only make fewer pings, never more.
        var watched = ready + (PingInterval * 6) - DateTime.UtcNow;
        if (watched > TimeSpan.Zero)
        {
            await Task.Delay(watched, TestContext.Current.CancellationToken);
        }
        Assert.InRange(Pings(systemd, ready), 0, 1);
        // Silence proves a stall only from a daemon that is alive and pings again once a frame is
        // analysed (a daemon that died after READY is silent too).
        Assert.False(daemon.HasExited, daemon.Output);
        var stalled = Pings(systemd, ready);
        await Wait.Until(() => Pings(systemd, ready) > stalled, "a watchdog ping once the next frame is analysed", seen: () => $"{Pings(systemd, ready)} pings; " + daemon.Output);
        Assert.True(daemon.Terminate(DaemonProcess.UnitStopTimeout), daemon.Output);
        Assert.Equal(0, daemon.ExitCode);
    }
}
