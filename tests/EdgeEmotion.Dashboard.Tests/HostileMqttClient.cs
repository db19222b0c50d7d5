using System.Buffers.Binary;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace EdgeEmotion.Dashboard.Tests;

/// <summary>
/// An MQTT 3.1.1 client that writes its packets by hand, as an attacker would: it announces a
/// PUBLISH of any size and streams the payload from one small buffer, so that the test process
/// holds none of it (MQTTnet's client would build the whole packet in memory first). Over the
/// broker's TCP port or the dashboard's WebSocket entrance.
/// </summary>
internal sealed class HostileMqttClient : IAsyncDisposable
{
    private const int ChunkBytes = 64 * 1024;
    private static readonly byte[] PingRequest = [0xC0, 0x00];

    private readonly Func<ReadOnlyMemory<byte>, CancellationToken, Task> _send;
    private readonly Func<Memory<byte>, CancellationToken, Task<int>> _receive;
    private readonly IDisposable _connection;

    private HostileMqttClient(Func<ReadOnlyMemory<byte>, CancellationToken, Task> send, Func<Memory<byte>, CancellationToken, Task<int>> receive, IDisposable connection)
    {
        _send = send;
        _receive = receive;
        _connection = connection;
    }

    public static async Task<HostileMqttClient> OverTcpAsync(int port, CancellationToken cancellation)
    {
        var client = new TcpClient();
        await client.ConnectAsync(System.Net.IPAddress.Loopback, port, cancellation);
        var stream = client.GetStream();
        return new HostileMqttClient(
            async (bytes, c) => await stream.WriteAsync(bytes, c),
            async (buffer, c) => await stream.ReadAsync(buffer, c),
            client);
    }

    /// <summary>Like a program that is not a browser: no <c>Origin</c>.</summary>
    public static async Task<HostileMqttClient> OverWebSocketAsync(Uri uri, CancellationToken cancellation)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("mqtt");
        await socket.ConnectAsync(uri, cancellation);
        return new HostileMqttClient(
            (bytes, c) => socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage: true, c).AsTask(),
            async (buffer, c) => (await socket.ReceiveAsync(buffer, c)).Count,
            socket);
    }

    /// <returns>True when the broker accepted the connection (CONNACK with return code 0).</returns>
    public async Task<bool> ConnectAsync(string clientId, (string Topic, string Payload)? retainedWill, CancellationToken cancellation)
    {
        var body = new List<byte>();
        body.AddRange(Utf8String("MQTT"));
        body.Add(4); // MQTT 3.1.1
        body.Add((byte)(0x02 | (retainedWill is null ? 0 : 0x04 | 0x20))); // clean session; will, retained
        body.AddRange([0x00, 0x3C]); // keep alive 60 s
        body.AddRange(Utf8String(clientId));
        if (retainedWill is { } will)
        {
            body.AddRange(Utf8String(will.Topic));
            body.AddRange(Utf8String(will.Payload));
        }
        await _send(Packet(0x10, [.. body]), cancellation);
        var answer = new byte[4];
        return await ReadExactlyAsync(answer, cancellation) && answer[0] == 0x20 && answer[3] == 0;
    }

    /// <summary>A PUBLISH (QoS 0) whose payload is <paramref name="payloadBytes"/> zeros, then a
    /// ping, so that the answer comes once the broker has read and handled the whole publish.</summary>
    /// <returns>True when the broker read it all and answered the ping; false when it closed the
    /// connection instead.</returns>
    public async Task<bool> FloodAsync(string topic, long payloadBytes, bool retain, CancellationToken cancellation)
    {
        var topicBytes = Utf8String(topic);
        var header = new List<byte> { (byte)(0x30 | (retain ? 1 : 0)) };
        header.AddRange(RemainingLength(topicBytes.Length + payloadBytes));
        header.AddRange(topicBytes);
        var zeros = new byte[ChunkBytes];
        try
        {
            await _send(header.ToArray(), cancellation);
            for (var sent = 0L; sent < payloadBytes; sent += ChunkBytes)
            {
                await _send(zeros.AsMemory(0, (int)Math.Min(ChunkBytes, payloadBytes - sent)), cancellation);
            }
            await _send(PingRequest, cancellation);
            var answer = new byte[2];
            return await ReadExactlyAsync(answer, cancellation) && answer[0] == 0xD0;
        }
        catch (Exception ex) when (ex is IOException or SocketException or WebSocketException)
        {
            return false;
        }
    }

    /// <summary>Ends the connection without DISCONNECT, which makes a broker publish the will.</summary>
    public void Abort() => _connection.Dispose();

    public ValueTask DisposeAsync()
    {
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<bool> ReadExactlyAsync(byte[] buffer, CancellationToken cancellation)
    {
        for (var read = 0; read < buffer.Length;)
        {
            var n = await _receive(buffer.AsMemory(read), cancellation);
            if (n == 0)
            {
                return false;
            }
            read += n;
        }
        return true;
    }

    private static byte[] Packet(byte type, byte[] body) => [type, .. RemainingLength(body.Length), .. body];

    private static byte[] Utf8String(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var result = new byte[2 + bytes.Length];
        BinaryPrimitives.WriteUInt16BigEndian(result, (ushort)bytes.Length);
        bytes.CopyTo(result, 2);
        return result;
    }

    /// <summary>MQTT's variable-length integer: 7 bits a byte, high bit set while more follow.</summary>
    private static List<byte> RemainingLength(long value)
    {
        var bytes = new List<byte>();
        do
        {
            var digit = (byte)(value % 128);
            value /= 128;
            bytes.Add(value > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (value > 0);
        return bytes;
    }
}
