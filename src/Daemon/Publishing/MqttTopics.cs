namespace EdgeEmotion.Daemon.Publishing;

/// <summary>The topics of the MQTT contract (schema 1).</summary>
public sealed record MqttTopics(string Prefix, string Device)
{
    public string Status => Of("status");
    public string Emotions => Of("emotions");
    public string Stats => Of("stats");
    public string Visits => Of("visits");
    public string Faces => Of("faces");

    /// <summary>The device's topic named <paramref name="name"/> (its last level).</summary>
    public string Of(string name) => $"{Prefix}/{Device}/{name}";
}
