using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using EdgeEmotion.Tests;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>The daemon under a fake systemd: a datagram socket as NOTIFY_SOCKET records READY,
/// WATCHDOG and STOPPING.</summary>
public sealed class SystemdNotifyTests : IClassFixture<MosquittoBroker>
{
    private readonly MosquittoBroker _broker;

    public SystemdNotifyTests(MosquittoBroker broker) => _broker = broker;

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

    private Process StartUnderFakeSystemd(FakeSystemd systemd, string state, double fps)
    {
        var dll = System.IO.Path.Combine(AppContext.BaseDirectory, "edgeemotion-daemon.dll");
        var args = $"--Mqtt:Host=127.0.0.1 --Mqtt:Port={_broker.Port} --DeviceId=kiosk-systemd --StateDirectory={state} --Source:Uri=images://{DemoPictures.Folder}?fps={fps.ToString(System.Globalization.CultureInfo.InvariantCulture)} --Detector:InputWidth=320";
        // systemd's helper only activates for the process systemd started: SYSTEMD_EXEC_PID must be ours.
        var start = new ProcessStartInfo("sh", ["-c", $"SYSTEMD_EXEC_PID=$$ exec dotnet {dll} {args}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["NOTIFY_SOCKET"] = systemd.Path;
        start.Environment["WATCHDOG_USEC"] = "1000000";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitFor(FakeSystemd systemd, string line, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!systemd.Messages.Any(m => m.Line == line))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no {line}; got {string.Join(", ", systemd.Messages.Select(m => m.Line))}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Ready_then_watchdog_pings_while_frames_flow_then_stopping_on_SIGTERM()
    {
        using var dir = new TempDirectory();
        using var systemd = new FakeSystemd(dir.Combine("notify"));
        using var process = StartUnderFakeSystemd(systemd, dir.Combine("state"), fps: 10);
        await WaitFor(systemd, "READY=1", TimeSpan.FromSeconds(30));
        var ready = systemd.Messages.First(m => m.Line == "READY=1").At;
        await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
        var pings = systemd.Messages.Count(m => m.Line == "WATCHDOG=1" && m.At > ready);
        Assert.InRange(pings, 5, 10); // every 0.5 s while frames are analysed

        Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        await WaitFor(systemd, "STOPPING=1", TimeSpan.FromSeconds(15));
        Assert.True(process.WaitForExit(15_000));
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task A_stalled_pipeline_stops_the_watchdog_pings()
    {
        using var dir = new TempDirectory();
        using var systemd = new FakeSystemd(dir.Combine("notify"));
        // One frame every 5 s: between frames the pipeline makes no progress, as if it hung.
        using var process = StartUnderFakeSystemd(systemd, dir.Combine("state"), fps: 0.2);
        try
        {
            await WaitFor(systemd, "READY=1", TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
            var from = DateTime.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
            var pings = systemd.Messages.Count(m => m.Line == "WATCHDOG=1" && m.At > from);
            Assert.InRange(pings, 0, 1);
        }
        finally
        {
            process.Kill();
        }
    }
}
