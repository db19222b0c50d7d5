using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;
using MQTTnet.Exceptions;

namespace EdgeEmotion.Daemon.Broker;

/// <summary>
/// A connection to the embedded broker that refuses any MQTT packet announcing more than
/// <see cref="MaxBytes"/> bytes, before the broker reads it. MQTTnet 5.2 has no such limit on its
/// server side, and its channel adapter allocates a packet's whole announced body (up to 256 MB)
/// as soon as the fixed header has arrived, before any event of the server sees the packet; so the
/// limit is applied here, on the bytes as they pass: the packet headers are followed, and the read
/// that completes a too-large length throws instead of returning it. The daemon's own connection is
/// lifted from the limit once it has logged in (<see cref="Lift"/>).
/// </summary>
internal sealed class PacketSizeLimitedChannel(IMqttChannel inner, int maxBytes, Action<EndPoint?, long> refused) : IMqttChannel
{
    // Where the reader is in the stream of packets: at a packet's type byte, in its remaining
    // length (1-4 bytes of 7 bits, low first), or inside its body.
    private enum Position { Type, Length, Body }

    private Position _position = Position.Type;
    private long _length;
    private long _multiplier;
    private long _bodyLeft;
    private volatile bool _lifted;

    /// <summary>The largest remaining length (the bytes after the fixed header) allowed.</summary>
    public int MaxBytes => maxBytes;

    public X509Certificate2 ClientCertificate => inner.ClientCertificate;

    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public EndPoint LocalEndPoint => inner.LocalEndPoint;

    public bool IsSecureConnection => inner.IsSecureConnection;

    /// <summary>No limit from now on: called between the daemon's CONNECT and its next packet.</summary>
    public void Lift() => _lifted = true;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        var read = await inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        if (!_lifted)
        {
            Follow(buffer.AsSpan(offset, read));
        }
        return read;
    }

    public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, isEndOfPacket, cancellationToken);

    public void Dispose() => inner.Dispose();

    private void Follow(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            switch (_position)
            {
                case Position.Type:
                    (_position, _length, _multiplier) = (Position.Length, 0, 1);
                    bytes = bytes[1..];
                    break;
                case Position.Length:
                    var digit = bytes[0];
                    bytes = bytes[1..];
                    _length += (digit & 0x7F) * _multiplier;
                    _multiplier *= 128;
                    if ((digit & 0x80) != 0)
                    {
                        if (_multiplier > 128 * 128 * 128)
                        {
                            throw new MqttProtocolViolationException("Remaining length is invalid.");
                        }
                        break;
                    }
                    if (_length > maxBytes)
                    {
                        refused(RemoteEndPoint, _length);
                        // Cut off now, not closed in order: a WebSocket's orderly close would read on
                        // through everything the client still sends, waiting for its close frame.
                        inner.Dispose();
                        throw new MqttProtocolViolationException($"A packet of {_length} bytes is over the {maxBytes} bytes this broker takes from this client.");
                    }
                    (_position, _bodyLeft) = _length == 0 ? (Position.Type, 0) : (Position.Body, _length);
                    break;
                default:
                    var skipped = (int)Math.Min(_bodyLeft, bytes.Length);
                    bytes = bytes[skipped..];
                    _bodyLeft -= skipped;
                    if (_bodyLeft == 0)
                    {
                        _position = Position.Type;
                    }
                    break;
            }
        }
    }
}
