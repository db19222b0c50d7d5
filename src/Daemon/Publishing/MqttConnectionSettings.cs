using System.Net;
using System.Security.Cryptography.X509Certificates;
using EdgeEmotion.Core;
using EdgeEmotion.Daemon.Options;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace EdgeEmotion.Daemon.Publishing;

/// <summary>Credentials and TLS for the broker connection, checked at start. The password comes
/// from a file or a systemd credential, is kept only here and is never logged.</summary>
public sealed partial class MqttConnectionSettings
{
    public const string CredentialName = "mqtt-password";

    private readonly MqttOptions _options;
    private readonly string? _password;
    private readonly X509Certificate2Collection? _trustChain;
    private readonly X509Certificate2Collection? _clientCertificates;

    public MqttConnectionSettings(MqttOptions options, ILogger? logger = null)
    {
        _options = options;
        _password = ReadPassword(options, logger);
        if (_password is not null && options.Username.Length == 0)
        {
            throw new UserInputException("Mqtt:Username: a password is configured but no user name.");
        }
        if (_password is not null && !options.UseTls && !options.UsesEmbeddedBroker && !IsLoopback(options.Host) && !options.AllowInsecurePassword)
        {
            throw new UserInputException(
                $"Mqtt:UseTls: refusing to send the MQTT password in clear to '{options.Host}', which is not on loopback; set Mqtt:UseTls=true (or Mqtt:AllowInsecurePassword=true to accept the risk).");
        }
        if (options.UseTls)
        {
            if (options.CaFile.Length > 0)
            {
                _trustChain = [LoadCertificate(options.CaFile, "Mqtt:CaFile")];
            }
            if (options.ClientCertificateFile.Length > 0)
            {
                if (options.ClientKeyFile.Length == 0)
                {
                    throw new UserInputException("Mqtt:ClientKeyFile: a client certificate needs its key file.");
                }
                try
                {
                    _clientCertificates = [X509Certificate2.CreateFromPemFile(options.ClientCertificateFile, options.ClientKeyFile)];
                }
                catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException)
                {
                    throw new UserInputException($"Mqtt:ClientCertificateFile: cannot load '{options.ClientCertificateFile}' with key '{options.ClientKeyFile}' ({ex.Message}).", ex);
                }
            }
        }
    }

    public void Apply(MqttClientOptionsBuilder builder)
    {
        if (_options.Username.Length > 0)
        {
            builder.WithCredentials(_options.Username, _password ?? "");
        }
        if (_options.UseTls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls();
                if (_trustChain is not null)
                {
                    tls.WithTrustChain(_trustChain);
                }
                if (_clientCertificates is not null)
                {
                    tls.WithClientCertificates(_clientCertificates);
                }
            });
        }
    }

    private static string? ReadPassword(MqttOptions options, ILogger? logger)
    {
        var path = options.PasswordFile;
        if (path.Length == 0 && Environment.GetEnvironmentVariable("CREDENTIALS_DIRECTORY") is { Length: > 0 } credentials)
        {
            var candidate = Path.Combine(credentials, CredentialName);
            path = File.Exists(candidate) ? candidate : "";
        }
        if (path.Length == 0)
        {
            return null;
        }
        try
        {
            WarnIfWorldReadable(path, logger);
            return File.ReadAllText(path).TrimEnd('\r', '\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"Mqtt:PasswordFile: cannot read '{path}' ({ex.Message}).", ex);
        }
    }

    /// <summary>As ssh does for keys: a password any local user can read is not a secret. A
    /// warning, not a refusal: group-readable (e.g. 0640 root:edgeemotion) is a sound setup.</summary>
    private static void WarnIfWorldReadable(string path, ILogger? logger)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.OtherRead) != 0 && logger is not null)
        {
            LogWorldReadable(logger, path, Convert.ToString((int)mode, 8).PadLeft(4, '0'));
        }
    }

    private static X509Certificate2 LoadCertificate(string path, string key)
    {
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException)
        {
            throw new UserInputException($"{key}: cannot load certificate '{path}' ({ex.Message}).", ex);
        }
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    [LoggerMessage(0, LogLevel.Warning, "Mqtt:PasswordFile: '{Path}' is readable by every user (mode {Mode}); restrict it: chmod 600 {Path}")]
    private static partial void LogWorldReadable(ILogger logger, string path, string mode);
}
