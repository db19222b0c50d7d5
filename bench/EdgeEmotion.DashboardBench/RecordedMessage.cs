using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeEmotion.DashboardBench;

/// <summary>One message the daemon published: its kind (the topic's last level) and payload.</summary>
public sealed record RecordedMessage(string Kind, string Payload)
{
    public static IReadOnlyList<RecordedMessage> Load(string path) =>
        [.. File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<RecordedMessage>(l)!)];

    public static void Save(string path, IEnumerable<RecordedMessage> messages) =>
        File.WriteAllLines(path, messages.Select(m => JsonSerializer.Serialize(m)));

    public JsonObject ToJson() => JsonNode.Parse(Payload)!.AsObject();
}
