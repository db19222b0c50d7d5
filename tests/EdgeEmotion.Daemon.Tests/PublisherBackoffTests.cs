using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using EdgeEmotion.Daemon.Publishing;
using EdgeEmotion.Daemon.Publishing.Session;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>The publisher's reconnection waits, read off a fake clock instead of waited for: 1 s,
/// doubling up to <c>Mqtt:MaxReconnectSeconds</c>, one connection attempt per wait; the longest
/// wait at once after a takeover, and 1 s again after a working connection.</summary>
public sealed class PublisherBackoffTests
{
    /// <summary>A fake clock that remembers every wait asked of it: the publisher's only timers
    /// on this clock are its backoff waits.</summary>
    private sealed class RecordingClock : FakeTimeProvider
    {
        private readonly ConcurrentQueue<TimeSpan> _waits = new();

        /// <summary>A copy, in the order asked.</summary>
        public IReadOnlyList<TimeSpan> Waits => [.. _waits];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _waits.Enqueue(dueTime);
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }

    /// <summary>Accepts every TCP connection and closes it at once: an MQTT connect fails quickly.</summary>
    private sealed class RefusingBroker : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private int _connections;

        public RefusingBroker()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Connections => Volatile.Read(ref _connections);

        public void Dispose() => _listener.Dispose();

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    using var client = await _listener.AcceptTcpClientAsync();
                    Interlocked.Increment(ref _connections);
                }
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
            {
                // stopped
            }
        }
    }

    [Fact]
    public async Task Each_failed_attempt_waits_twice_as_long_as_the_last_up_to_the_longest()
    {
        using var broker = new RefusingBroker();
        using var state = new TempDirectory();
        var clock = new RecordingClock();
        var builder = DaemonHost.CreateBuilder(
            ["--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={broker.Port}", "--Mqtt:MaxReconnectSeconds=8", "--DeviceId=kiosk-backoff", $"--StateDirectory={state.Path}"],
            etcDirectory: null);
        builder.Services.AddSingleton<TimeProvider>(clock);
        using var host = builder.Build();
        var publisher = host.Services.GetRequiredService<MqttPublisher>();
        await publisher.StartAsync(TestContext.Current.CancellationToken);

        double[] expected = [1, 2, 4, 8, 8];
        for (var i = 0; i < expected.Length; i++)
        {
            await Wait.Until(() => clock.Waits.Count == i + 1, $"backoff wait #{i + 1}", seen: () => string.Join(", ", clock.Waits));
            Assert.Equal(TimeSpan.FromSeconds(expected[i]), clock.Waits[i]);
            await Wait.Until(() => broker.Connections == i + 1, $"connection attempt #{i + 1}", seen: () => $"{broker.Connections}");
            clock.Advance(clock.Waits[i]);
        }
        await Wait.Until(() => broker.Connections == expected.Length + 1, "the attempt after the last wait");
        await publisher.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_takeover_waits_the_longest_and_a_working_connection_starts_again_from_a_second()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next);
        backoff.Waited();
        backoff.Waited();
        Assert.Equal(TimeSpan.FromSeconds(4), backoff.Next);
        backoff.TakenOver();
        Assert.Equal(TimeSpan.FromSeconds(30), backoff.Next);
        backoff.Waited();
        Assert.Equal(TimeSpan.FromSeconds(30), backoff.Next);
        backoff.Connected();
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next);
    }
}
