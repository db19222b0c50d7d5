using System.ComponentModel.DataAnnotations;

namespace EdgeEmotion.Hosting;

/// <summary>
/// The keys every program's <c>Mqtt</c> section shares: where the broker is, the topic prefix,
/// the user and where the password is, TLS, and how long to wait. A program's options class
/// derives from it and adds its own keys; <see cref="MqttConnectionSettings"/> reads it. The
/// broker's address is abstract because its rule is the program's (the daemon's empty host runs
/// its own broker; the collector needs one). The settings check lists these keys first
/// (<see cref="SettingKeys"/>).
/// </summary>
public abstract class MqttConnectionOptions
{
    /// <summary>The broker's host name or address; empty only where the program runs its own broker.</summary>
    public abstract string Host { get; set; }

    public abstract int Port { get; set; }

    /// <summary>Topic levels of the devices' topics. '$' first is reserved for the broker ($SYS),
    /// '+' and '#' are wildcards, an empty level ('a//b', '/a') makes a different topic, NUL is not
    /// allowed in MQTT; 200 characters leaves room in MQTT's 65,535-byte topic limit.</summary>
    [Required(AllowEmptyStrings = false)]
    [StringLength(200)]
    [RegularExpression("^(?!\\$)[^/#+\\u0000]+(/[^/#+\\u0000]+)*$", ErrorMessage = "must be topic levels separated by '/', none empty, without the wildcards '+' and '#' or NUL, not starting with '$' (reserved for broker topics such as $SYS)")]
    public string TopicPrefix { get; set; } = "edgeemotion";

    /// <summary>User name for the broker; the password never sits in the configuration.</summary>
    public string Username { get; set; } = "";

    /// <summary>File holding the password; without it, the systemd credential
    /// <see cref="MqttConnectionSettings.CredentialName"/> (<c>$CREDENTIALS_DIRECTORY/mqtt-password</c>)
    /// is used when present.</summary>
    public string PasswordFile { get; set; } = "";

    public bool UseTls { get; set; }

    /// <summary>PEM file of the CA that signed the broker's certificate (TLS).</summary>
    public string CaFile { get; set; } = "";

    /// <summary>PEM client certificate and key, for brokers that require one (TLS).</summary>
    public string ClientCertificateFile { get; set; } = "";

    public string ClientKeyFile { get; set; } = "";

    /// <summary>Allows sending a password without TLS to a broker that is not on loopback.</summary>
    public bool AllowInsecurePassword { get; set; }

    /// <summary>Longest wait for the broker's answer to any one operation (connect, publish, subscribe, ping).</summary>
    [Range(1.0, 120.0)]
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>Longest wait between reconnection attempts.</summary>
    [Range(1.0, 3600.0)]
    public double MaxReconnectSeconds { get; set; } = 30;
}
