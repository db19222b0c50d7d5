using EdgeEmotion.Daemon.Diagnostics;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>The watchdog on its own, through the loops' heartbeats and a fake clock: it pings for a
/// period in which frames moved and the publisher came round, for no other, and says once why the
/// pings stopped when the publisher hangs.</summary>
public sealed class WatchdogServiceTests
{
    private static readonly MqttOptions Mqtt = new() { MaxReconnectSeconds = 30, TimeoutSeconds = 10 }; // longest round 75 s

    private sealed class RecordingNotifier : ISystemdNotifier
    {
        private int _pings;

        public int Pings => Volatile.Read(ref _pings);

        public bool IsEnabled => true;

        public void Notify(ServiceState state)
        {
            Assert.Equal("WATCHDOG=1", state.ToString());
            Interlocked.Increment(ref _pings);
        }
    }

    private sealed class Logger<T>(OutboxTests.RecordingLogger lines) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Log(logLevel, eventId, state, exception, formatter);
    }

    private static (WatchdogService Watchdog, RecordingNotifier Notifier, LoopHeartbeats Heartbeats, OutboxTests.RecordingLogger Log) Create(FakeTimeProvider clock)
    {
        var notifier = new RecordingNotifier();
        var heartbeats = new LoopHeartbeats(clock);
        var log = new OutboxTests.RecordingLogger();
        return (new WatchdogService(notifier, heartbeats, Microsoft.Extensions.Options.Options.Create(Mqtt), clock, new Logger<WatchdogService>(log)), notifier, heartbeats, log);
    }

    [Fact]
    public void A_period_earns_a_ping_only_when_frames_moved_and_the_publisher_came_round()
    {
        var clock = new FakeTimeProvider();
        var (watchdog, notifier, heartbeats, log) = Create(clock);

        heartbeats.FrameLoop.Beat();
        heartbeats.Publishing.Beat();
        watchdog.Judge();
        Assert.Equal(1, notifier.Pings);

        clock.Advance(TimeSpan.FromSeconds(10));
        heartbeats.Publishing.Beat();
        watchdog.Judge(); // the frame loop did not beat
        Assert.Equal(1, notifier.Pings);

        heartbeats.FrameLoop.Beat();
        watchdog.Judge();
        Assert.Equal(2, notifier.Pings);

        // Frames keep flowing, but the publisher stays silent past its longest round (75 s).
        clock.Advance(TimeSpan.FromSeconds(74));
        heartbeats.FrameLoop.Beat();
        watchdog.Judge();
        Assert.Equal(3, notifier.Pings);
        clock.Advance(TimeSpan.FromSeconds(2));
        heartbeats.FrameLoop.Beat();
        watchdog.Judge();
        heartbeats.FrameLoop.Beat();
        watchdog.Judge();
        Assert.Equal(3, notifier.Pings);
        Assert.Equal(["Error: The MQTT publishing loop has not come round for 76 s; no more watchdog pings, systemd will restart the service."], log.Lines);
    }

    [Fact]
    public async Task The_watchdog_judges_once_per_interval_of_its_clock()
    {
        var clock = new FakeTimeProvider();
        var (watchdog, notifier, heartbeats, _) = Create(clock);
        using var stop = new CancellationTokenSource();
        var watching = watchdog.WatchAsync(TimeSpan.FromSeconds(5), stop.Token);

        heartbeats.FrameLoop.Beat();
        heartbeats.Publishing.Beat();
        clock.Advance(TimeSpan.FromSeconds(5));
        await Wait.Until(() => notifier.Pings == 1, "the first period's ping");
        heartbeats.FrameLoop.Beat();
        heartbeats.Publishing.Beat();
        clock.Advance(TimeSpan.FromSeconds(5));
        await Wait.Until(() => notifier.Pings == 2, "the second period's ping");

        await stop.CancelAsync();
        await watching;
    }
}
