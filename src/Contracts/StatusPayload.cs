using System.Text;

namespace EdgeEmotion.Contracts;

/// <summary>The words of the <c>status</c> topic.</summary>
public static class StatusPayload
{
    public const string Online = "online";

    public const string Offline = "offline";

    /// <summary>The payload a device sends for <paramref name="status"/>: the word, UTF-8, nothing around it.</summary>
    public static byte[] Write(DeviceStatus status) => Encoding.UTF8.GetBytes(status switch
    {
        DeviceStatus.Online => Online,
        DeviceStatus.Offline => Offline,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    });

    /// <summary>Reads the payload as MQTTnet hands it over.</summary>
    public static DeviceStatus Read(ReadOnlySequence<byte> payload) => Read(payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray());

    /// <summary>Reads a <c>status</c> payload (surrounding white space ignored).</summary>
    public static DeviceStatus Read(ReadOnlySpan<byte> payload)
    {
        var text = Encoding.UTF8.GetString(payload).Trim();
        return text switch
        {
            Online => DeviceStatus.Online,
            Offline => DeviceStatus.Offline,
            _ => throw new PayloadException($"status payload: expected '{Online}' or '{Offline}', got '{(text.Length <= 40 ? text : text[..40] + "…")}'"),
        };
    }
}
