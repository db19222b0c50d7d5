using System.ComponentModel.DataAnnotations;
using EdgeEmotion.Hosting;

namespace EdgeEmotion.Collector.Ingest;

/// <summary>Section <c>Mqtt</c>: the broker the devices publish to, with the daemon's keys for
/// credentials and TLS (read by the hosting library's <see cref="MqttConnectionSettings"/>).</summary>
public sealed class BrokerOptions : IMqttConnectionOptions
{
    public const string Section = "Mqtt";

    [Required(AllowEmptyStrings = false)]
    public string Host { get; set; } = "localhost";

    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>The devices' <c>Mqtt:TopicPrefix</c>: the collector subscribes to <c>{prefix}/+/…</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    [StringLength(200)]
    [RegularExpression("^(?!\\$)[^/#+\\u0000]+(/[^/#+\\u0000]+)*$", ErrorMessage = "must be topic levels separated by '/', none empty, without the wildcards '+' and '#' or NUL, not starting with '$'")]
    public string TopicPrefix { get; set; } = "edgeemotion";

    public string Username { get; set; } = "";

    public string PasswordFile { get; set; } = "";

    public bool UseTls { get; set; }

    public string CaFile { get; set; } = "";

    public string ClientCertificateFile { get; set; } = "";

    public string ClientKeyFile { get; set; } = "";

    public bool AllowInsecurePassword { get; set; }

    /// <summary>Longest wait for the broker's answer to connect or subscribe.</summary>
    [Range(1.0, 120.0)]
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>Longest wait between reconnection attempts.</summary>
    [Range(1.0, 3600.0)]
    public double MaxReconnectSeconds { get; set; } = 30;
}
