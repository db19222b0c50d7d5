namespace EdgeEmotion.Hosting;

/// <summary>The keys of a program's MQTT section that <see cref="MqttConnectionSettings"/> reads:
/// the broker, its user and where the password is, and TLS. A program's own options class
/// implements it next to its other keys (the daemon's <c>Mqtt</c> section has many more).</summary>
public interface IMqttConnectionOptions
{
    /// <summary>The broker's host name or address; empty only where the program runs its own broker.</summary>
    string Host { get; }

    /// <summary>User name for the broker; the password never sits in the configuration.</summary>
    string Username { get; }

    /// <summary>File holding the password; without it, the systemd credential
    /// <see cref="MqttConnectionSettings.CredentialName"/> is used when present.</summary>
    string PasswordFile { get; }

    bool UseTls { get; }

    /// <summary>PEM file of the CA that signed the broker's certificate (TLS).</summary>
    string CaFile { get; }

    /// <summary>PEM client certificate, for brokers that require one (TLS), with its key file.</summary>
    string ClientCertificateFile { get; }

    string ClientKeyFile { get; }

    /// <summary>Allows sending a password without TLS to a broker that is not on loopback.</summary>
    bool AllowInsecurePassword { get; }
}
