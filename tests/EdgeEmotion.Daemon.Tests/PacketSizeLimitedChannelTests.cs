using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using EdgeEmotion.Daemon.Broker;
using MQTTnet.Channel;
using MQTTnet.Exceptions;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>The embedded broker's packet size limit follows MQTT's framing however the bytes are
/// cut into reads: packets within the limit pass untouched, the first one over it is refused at
/// the read that completes its length, before its body.</summary>
public sealed class PacketSizeLimitedChannelTests
{
    private const int Limit = 100;

    // PINGREQ (no body), SUBSCRIBE with a 99-byte body, PUBLISH with exactly the limit (length in two bytes).
    private static readonly byte[] WithinLimit = [0xC0, 0x00, 0x82, 99, .. new byte[99], 0x30, 100, .. new byte[100]];

    // A PUBLISH announcing 300 bytes: length bytes 0xAC 0x02.
    private static readonly byte[] OverLimit = [0x30, 0xAC, 0x02, .. new byte[300]];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Packets_within_the_limit_pass_however_they_are_cut(int chunk)
    {
        using var channel = new PacketSizeLimitedChannel(new ScriptedChannel(WithinLimit), Limit, (_, _) => Assert.Fail("refused"));
        Assert.Equal(WithinLimit, await ReadAllAsync(channel, chunk));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(4096)]
    public async Task A_packet_over_the_limit_is_refused_before_its_body_is_read(int chunk)
    {
        var refused = new List<long>();
        var inner = new ScriptedChannel([.. WithinLimit, .. OverLimit]);
        using var channel = new PacketSizeLimitedChannel(inner, Limit, (_, bytes) => refused.Add(bytes));
        await Assert.ThrowsAsync<MqttProtocolViolationException>(() => ReadAllAsync(channel, chunk));
        Assert.Equal([300L], refused);
        Assert.True(inner.Delivered <= WithinLimit.Length + 3 + chunk, $"{inner.Delivered} bytes read");
        Assert.True(inner.Disposed, "the connection is cut off, not closed in order");
    }

    [Fact]
    public async Task Once_lifted_any_size_passes()
    {
        using var channel = new PacketSizeLimitedChannel(new ScriptedChannel(OverLimit), Limit, (_, _) => Assert.Fail("refused"));
        channel.Lift();
        Assert.Equal(OverLimit, await ReadAllAsync(channel, 64));
    }

    private static async Task<byte[]> ReadAllAsync(PacketSizeLimitedChannel channel, int chunk)
    {
        var all = new List<byte>();
        var buffer = new byte[chunk];
        for (int read; (read = await channel.ReadAsync(buffer, 0, chunk, CancellationToken.None)) > 0;)
        {
            all.AddRange(buffer.AsSpan(0, read));
        }
        return [.. all];
    }

    /// <summary>Gives its bytes as reads ask for them, then the end of the stream.</summary>
    private sealed class ScriptedChannel(byte[] bytes) : IMqttChannel
    {
        public int Delivered { get; private set; }

        public bool Disposed { get; private set; }

        public X509Certificate2 ClientCertificate => null!;

        public EndPoint RemoteEndPoint => new IPEndPoint(IPAddress.Loopback, 1);

        public EndPoint LocalEndPoint => new IPEndPoint(IPAddress.Loopback, 2);

        public bool IsSecureConnection => false;

        public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DisconnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            var n = Math.Min(count, bytes.Length - Delivered);
            bytes.AsSpan(Delivered, n).CopyTo(buffer.AsSpan(offset));
            Delivered += n;
            return Task.FromResult(n);
        }

        public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose() => Disposed = true;
    }
}
