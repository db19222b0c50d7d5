namespace EdgeEmotion.Contracts.Tests;

/// <summary>A golden file's message kind is the first word of its name: read and write any message by it.</summary>
internal static class GoldenKind
{
    public static string Of(string name) => name.Split('-', '.')[0];

    /// <summary>The message (a record, or the <see cref="DeviceStatus"/>) the file named <paramref name="name"/> holds.</summary>
    public static object Read(string name, byte[] payload) => Of(name) switch
    {
        "status" => StatusPayload.Read(payload),
        "emotions" => EmotionsMessage.Read(payload),
        "visits" => VisitMessage.Read(payload),
        "stats" => StatsMessage.Read(payload),
        "faces" => FacesMessage.Read(payload),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no message kind is named by its first word"),
    };

    /// <summary>The bytes a device sends for <paramref name="message"/>.</summary>
    public static byte[] Write(object message) => message switch
    {
        DeviceStatus status => StatusPayload.Write(status),
        DeviceMessage device => device.ToPayload(),
        FacesMessage faces => faces.ToPayload(),
        _ => throw new ArgumentOutOfRangeException(nameof(message), message, null),
    };
}
