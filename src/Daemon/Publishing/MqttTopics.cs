namespace EdgeEmotion.Daemon.Publishing;

/// <summary>The topics of the MQTT contract (schema 1).</summary>
public sealed record MqttTopics(string Prefix, string Device)
{
    public string Status => $"{Prefix}/{Device}/status";
    public string Emotions => $"{Prefix}/{Device}/emotions";
    public string Stats => $"{Prefix}/{Device}/stats";
    public string Visits => $"{Prefix}/{Device}/visits";
    public string Faces => $"{Prefix}/{Device}/faces";
}
