using System.Text.RegularExpressions;

namespace EdgeEmotion.Collector.Tests.Ingest;

/// <summary>
/// The collector's connection to the broker keeps a receive buffer large enough for a backlog.
/// MQTTnet's default (8 KB, set on the socket, which turns off the kernel's tuning) left a
/// window of about 10 KB; on a busy machine Linux clamped it further and a loopback backlog
/// drained at about 40 messages/s (the ingest bench). Read from the kernel with <c>ss</c>
/// (iproute2), for the collector process's own socket.
/// </summary>
public sealed partial class SocketBufferTests(PersistentMosquitto broker)
{
    [Fact]
    public async Task The_connection_to_the_broker_has_the_receive_buffer_the_collector_asked_for()
    {
        using var state = new TempDirectory();
        var prefix = "s" + Guid.NewGuid().ToString("N")[..8];
        using var collector = await CollectorProcess.StartAsync(broker.Port, prefix, prefix + "-collector", prefix, [$"--StateDirectory={state.Path}"]);

        // Linux doubles what a program asks for (bookkeeping) and caps the request at net.core.rmem_max.
        var rmemMax = int.Parse(File.ReadAllText("/proc/sys/net/core/rmem_max").Trim(), CultureInfo.InvariantCulture);
        var expected = 2 * Math.Min(256 * 1024, rmemMax);
        var sockets = Command.Run("ss", ["-tnpm", "state", "established", $"( dport = :{broker.Port.ToString(CultureInfo.InvariantCulture)} )"], TimeSpan.FromSeconds(30));
        var ours = sockets.Split('\n').SkipWhile(l => !l.Contains($"pid={collector.Id.ToString(CultureInfo.InvariantCulture)},", StringComparison.Ordinal)).Take(2);
        var buffer = ReceiveBuffer().Match(string.Join(' ', ours));
        Assert.True(buffer.Success, $"the collector's socket to port {broker.Port} in: {sockets}");
        Assert.Equal(expected, int.Parse(buffer.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"skmem:\(r\d+,rb(\d+),")]
    private static partial Regex ReceiveBuffer();
}
