using System.Net;
using MQTTnet.Channel;

namespace EdgeEmotion.Daemon.Broker;

/// <summary>
/// How large a packet the embedded broker takes from clients other than the daemon: they only
/// subscribe (CONNECT, SUBSCRIBE, PINGREQ: tens of bytes), so a few kilobytes is plenty, and a
/// client that announces more is disconnected before its packet is read
/// (<see cref="PacketSizeLimitedChannel"/>). Shared by both entrances, TCP and the dashboard's WebSocket.
/// </summary>
internal sealed partial class ClientPacketLimit(ILogger<ClientPacketLimit> logger)
{
    public const int MaxBytes = 4096;

    private int _refused;

    public PacketSizeLimitedChannel Apply(IMqttChannel channel) => new(channel, MaxBytes, Refused);

    private void Refused(EndPoint? from, long bytes)
    {
        // An attacker may repeat this endlessly; one line says what happens without wearing the SD card.
        if (Interlocked.Increment(ref _refused) == 1)
        {
            LogRefused(logger, from, bytes, MaxBytes);
        }
    }

    [LoggerMessage(0, LogLevel.Warning, "Embedded MQTT broker closed a connection from {Endpoint}: it announced a packet of {Bytes} bytes, over the {Limit} bytes allowed to clients other than this daemon (further ones are closed silently).")]
    private static partial void LogRefused(ILogger logger, EndPoint? endpoint, long bytes, int limit);
}
