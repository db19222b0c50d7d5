namespace EdgeEmotion.Contracts;

/// <summary>The topics of the MQTT contract (schema 1): <c>{prefix}/{device}/{kind}</c>, where the
/// prefix may have several levels and the device is exactly one.</summary>
public sealed record MqttTopics(string Prefix, string Device)
{
    public string Status => Of("status");
    public string Emotions => Of("emotions");
    public string Stats => Of("stats");
    public string Visits => Of("visits");
    public string Faces => Of("faces");

    /// <summary>The device's topic named <paramref name="name"/> (its last level).</summary>
    public string Of(string name) => $"{Prefix}/{Device}/{name}";

    /// <summary>The device's topic of <paramref name="kind"/>.</summary>
    public string Of(MessageKind kind) => Of(Name(kind));

    /// <summary>The subscription filter for <paramref name="kind"/> from every device under
    /// <paramref name="prefix"/>.</summary>
    public static string Filter(string prefix, MessageKind kind) => $"{prefix}/+/{Name(kind)}";

    /// <summary>The contract's last topic level of <paramref name="kind"/>.</summary>
    public static string Name(MessageKind kind) => kind switch
    {
        MessageKind.Status => "status",
        MessageKind.Emotions => "emotions",
        MessageKind.Visits => "visits",
        MessageKind.Stats => "stats",
        MessageKind.Faces => "faces",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The device and kind of <paramref name="topic"/> under <paramref name="prefix"/>, or
    /// false for a topic outside the contract (the same rule as the page's <c>parseTopic</c>).</summary>
    public static bool TryParse(string prefix, string topic, out string device, out MessageKind kind)
    {
        device = "";
        kind = default;
        if (!topic.StartsWith(prefix + "/", StringComparison.Ordinal))
        {
            return false;
        }
        var rest = topic[(prefix.Length + 1)..].Split('/');
        if (rest.Length != 2 || rest[0].Length == 0 || KindOf(rest[1]) is not { } parsed)
        {
            return false;
        }
        device = rest[0];
        kind = parsed;
        return true;
    }

    private static MessageKind? KindOf(string name)
    {
        foreach (var kind in Enum.GetValues<MessageKind>())
        {
            if (Name(kind) == name)
            {
                return kind;
            }
        }
        return null;
    }
}
