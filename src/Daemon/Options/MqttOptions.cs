using System.ComponentModel.DataAnnotations;

namespace EdgeEmotion.Daemon.Options;

/// <summary>Section <c>Mqtt</c>: the connection keys every program shares
/// (<see cref="MqttConnectionOptions"/>) and the daemon's own. An empty host runs the embedded
/// broker on loopback.</summary>
internal sealed class MqttOptions : MqttConnectionOptions
{
    public const string Section = "Mqtt";

    public override string Host { get; set; } = "";

    /// <summary>Broker port; with the embedded broker 0 picks a free one.</summary>
    [Range(0, 65535)]
    public override int Port { get; set; } = 1883;

    [Range(1, 86400)]
    public double StatsIntervalSeconds { get; set; } = 30;

    /// <summary>Windows kept on disk while the broker is unreachable; beyond it the oldest are dropped.</summary>
    [Range(1, 10_000_000)]
    public int OutboxMaxWindows { get; set; } = 100_000;

    [Range(1, 100_000)]
    public int OutboxMaxMegabytes { get; set; } = 64;

    /// <summary>Log every published message (the demo turns it on to print what it publishes); off,
    /// a summary per minute is logged instead (a line per message is about 11,500 a day on an SD card).</summary>
    public bool LogMessages { get; set; }

    /// <summary>At stop, how long the daemon may try to send what is left before leaving it on disk
    /// for the next start; keeps a stop well inside systemd's <c>TimeoutStopSec</c>.</summary>
    [Range(1.0, 60.0)]
    public double ShutdownSeconds { get; set; } = 5;

    /// <summary>Publish Home Assistant MQTT discovery configs (retained) for the emotion counts
    /// and health, so Home Assistant creates the sensors by itself.</summary>
    public bool HomeAssistantDiscovery { get; set; }

    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$", ErrorMessage = "Mqtt:HomeAssistantPrefix must be topic levels of letters, digits, '_' or '-' (Home Assistant's default is 'homeassistant').")]
    public string HomeAssistantPrefix { get; set; } = "homeassistant";

    /// <summary>Publish each finished visit on <c>{prefix}/{device}/visits</c>.</summary>
    public bool PublishVisits { get; set; } = true;

    /// <summary>Publish live face boxes on <c>{prefix}/{device}/faces</c> (at most twice a second),
    /// for aiming the camera; boxes only, never pixels.</summary>
    public bool PublishFaces { get; set; }

    public bool UsesEmbeddedBroker => string.IsNullOrWhiteSpace(Host);

    /// <summary>The longest the publishing loop may take to come round: a backoff wait plus a few
    /// operations, each bounded by <see cref="TimeoutSeconds"/>. The watchdog takes a longer
    /// silence for a hang.</summary>
    public TimeSpan LongestPublishingRound => TimeSpan.FromSeconds(MaxReconnectSeconds + (4 * TimeoutSeconds) + 5);
}
