using System.ComponentModel.DataAnnotations;
using EdgeEmotion.Hosting;

namespace EdgeEmotion.Collector.Ingest;

/// <summary>Section <c>Mqtt</c>: the broker the devices publish to, with the connection keys
/// every program shares (<see cref="MqttConnectionOptions"/>, read by the hosting library's
/// <see cref="MqttConnectionSettings"/>); <c>TopicPrefix</c> is the devices' own, the collector
/// subscribes to <c>{prefix}/+/…</c>.</summary>
public sealed class BrokerOptions : MqttConnectionOptions
{
    public const string Section = "Mqtt";

    [Required(AllowEmptyStrings = false)]
    public override string Host { get; set; } = "localhost";

    [Range(1, 65535)]
    public override int Port { get; set; } = 1883;
}
