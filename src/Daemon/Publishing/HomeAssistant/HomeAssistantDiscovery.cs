using System.Text.Json;

namespace EdgeEmotion.Daemon.Publishing.HomeAssistant;

/// <summary>
/// Home Assistant MQTT discovery: one retained config message per sensor under
/// <c>{discovery prefix}/sensor/{node}/{object}/config</c>, reading the contract's own
/// <c>emotions</c> and <c>stats</c> topics, so dashboards built on Home Assistant need no
/// hand-written YAML. Nothing is added to the contract's topics. Home Assistant asks for the
/// configs again by publishing <c>online</c> on <c>{discovery prefix}/status</c>.
/// </summary>
internal sealed class HomeAssistantDiscovery
{
    private readonly string _prefix;
    private readonly MqttTopics _topics;
    private readonly string _node;
    private readonly string _modelName;
    private readonly string _version;
    private readonly int _statsExpireSeconds;
    private readonly int _windowExpireSeconds;

    /// <param name="windowSeconds">Window sensors become unavailable after three windows without a
    /// message, stats sensors after three stats periods, so a stalled device does not show its
    /// last figures as current.</param>
    public HomeAssistantDiscovery(string discoveryPrefix, MqttTopics topics, string modelName, string version, double windowSeconds, double statsIntervalSeconds)
    {
        _statsExpireSeconds = (int)Math.Ceiling(3 * statsIntervalSeconds);
        _windowExpireSeconds = (int)Math.Ceiling(3 * windowSeconds);
        _prefix = discoveryPrefix;
        _topics = topics;
        _node = "edgeemotion_" + Identifier(topics.Device);
        _modelName = modelName;
        _version = version;
    }

    /// <summary>Where Home Assistant announces that it (re)started.</summary>
    public string StatusTopic => $"{_prefix}/status";

    public IReadOnlyList<(string Topic, byte[] Payload)> Messages()
    {
        var messages = new List<(string, byte[])>();
        foreach (var emotion in EmotionLabels.Names)
        {
            messages.Add(Sensor(emotion, Title(emotion), _topics.Emotions, $"{{{{ value_json.counts.{emotion} }}}}", "faces", Measurement, diagnostic: false));
        }
        messages.Add(Sensor("faces", "Faces", _topics.Emotions, "{{ value_json.faces }}", "faces", Measurement, diagnostic: false));
        messages.Add(Sensor("visitors", "Visitors", _topics.Emotions, "{{ value_json.visitors.present }}", "visitors", Measurement, diagnostic: false));
        messages.Add(Sensor("new_visitors", "New visitors", _topics.Emotions, "{{ value_json.visitors.new }}", "visitors", Measurement, diagnostic: false));
        messages.Add(Sensor("visits_published", "Visits published", _topics.Stats, "{{ value_json.visits_published }}", "visits", TotalIncreasing, diagnostic: false));
        messages.Add(Sensor("last_visit_emotion", "Last visit's emotion", _topics.Visits, "{{ value_json.emotion }}", unit: null, stateClass: null, diagnostic: false));
        messages.Add(Sensor("last_visit_dwell", "Last visit's dwell", _topics.Visits, "{{ value_json.dwell_s }}", "s", Measurement, diagnostic: false));
        messages.Add(Sensor("fps", "Frames per second", _topics.Stats, "{{ value_json.fps }}", "frames/s", Measurement, diagnostic: true));
        messages.Add(Sensor("pending_windows", "Windows waiting for the broker", _topics.Stats, "{{ value_json.pending_windows }}", "windows", Measurement, diagnostic: true));
        messages.Add(Sensor("source_state", "Camera", _topics.Stats, "{{ value_json.source_state }}", unit: null, stateClass: null, diagnostic: true));
        return messages;
    }

    /// <summary>Home Assistant allows only these characters in node and object ids.</summary>
    public static string Identifier(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray();
        return new string(chars);
    }

    /// <summary>Home Assistant's <c>state_class</c> for a reading at one moment (a window's count,
    /// a rate); with one, Home Assistant keeps long-term statistics of the sensor.</summary>
    private const string Measurement = "measurement";

    /// <summary>For a count since the daemon started: Home Assistant sums its increases and takes
    /// a drop (a restart) as a new start, not as negative visits.</summary>
    private const string TotalIncreasing = "total_increasing";

    private (string, byte[]) Sensor(string objectId, string name, string stateTopic, string template, string? unit, string? stateClass, bool diagnostic)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("unique_id", $"{_node}_{objectId}");
            w.WriteString("state_topic", stateTopic);
            w.WriteString("value_template", template);
            if (stateTopic != _topics.Visits)
            {
                // Visits come when people do: the last one stays valid however long ago it was.
                w.WriteNumber("expire_after", stateTopic == _topics.Stats ? _statsExpireSeconds : _windowExpireSeconds);
            }
            if (stateTopic != _topics.Stats)
            {
                // Equal counts in consecutive windows are still new readings: record each one.
                w.WriteBoolean("force_update", true);
            }
            if (unit is not null)
            {
                w.WriteString("unit_of_measurement", unit);
            }
            if (stateClass is not null)
            {
                w.WriteString("state_class", stateClass);
            }
            if (diagnostic)
            {
                w.WriteString("entity_category", "diagnostic");
            }
            w.WriteString("availability_topic", _topics.Status);
            w.WriteString("payload_available", "online");
            w.WriteString("payload_not_available", "offline");
            w.WriteStartObject("device");
            w.WriteStartArray("identifiers");
            w.WriteStringValue(_node);
            w.WriteEndArray();
            w.WriteString("name", $"EdgeEmotion {_topics.Device}");
            w.WriteString("manufacturer", "EdgeEmotion");
            w.WriteString("model", _modelName);
            w.WriteString("sw_version", _version);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return ($"{_prefix}/sensor/{_node}/{objectId}/config", stream.ToArray());
    }

    /// <summary>Empty retained configs for every sensor: Home Assistant then removes the entities
    /// (a decommissioned device leaves no ghosts).</summary>
    public IReadOnlyList<string> ConfigTopics() => [.. Messages().Select(m => m.Topic)];

    private static string Title(string emotion) => char.ToUpperInvariant(emotion[0]) + emotion[1..];
}
