using System.Net;
using System.Security.Cryptography.X509Certificates;
using EdgeEmotion.Core;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace EdgeEmotion.Hosting;

/// <summary>Credentials and TLS for the broker connection, checked at start. The password comes
/// from a file or a systemd credential, is kept only here and is never logged. Messages name the
/// keys of the program's section (<paramref name="section"/>, the daemon's <c>Mqtt</c>).</summary>
public sealed partial class MqttConnectionSettings
{
    public const string CredentialName = "mqtt-password";

    private readonly MqttConnectionOptions _options;
    private readonly string? _password;
    private readonly X509Certificate2Collection? _trustChain;
    private readonly X509Certificate2Collection? _clientCertificates;

    public MqttConnectionSettings(MqttConnectionOptions options, ILogger? logger = null, string section = "Mqtt")
    {
        _options = options;
        _password = ReadPassword(options, logger, section);
        if (_password is not null && options.Username.Length == 0)
        {
            throw new UserInputException($"{section}:Username: a password is configured but no user name.");
        }
        // An empty host is the daemon's embedded broker, which never gets this password.
        if (_password is not null && !options.UseTls && !string.IsNullOrWhiteSpace(options.Host) && !IsLoopback(options.Host) && !options.AllowInsecurePassword)
        {
            throw new UserInputException(
                $"{section}:UseTls: refusing to send the MQTT password in clear to '{options.Host}', which is not on loopback; set {section}:UseTls=true (or {section}:AllowInsecurePassword=true to accept the risk).");
        }
        if (options.UseTls)
        {
            if (options.CaFile.Length > 0)
            {
                _trustChain = [LoadCertificate(options.CaFile, $"{section}:CaFile")];
            }
            if (options.ClientCertificateFile.Length > 0)
            {
                if (options.ClientKeyFile.Length == 0)
                {
                    throw new UserInputException($"{section}:ClientKeyFile: a client certificate needs its key file.");
                }
                try
                {
                    _clientCertificates = [X509Certificate2.CreateFromPemFile(options.ClientCertificateFile, options.ClientKeyFile)];
                }
                catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException)
                {
                    throw new UserInputException($"{section}:ClientCertificateFile: cannot load '{options.ClientCertificateFile}' with key '{options.ClientKeyFile}' ({ex.Message}).", ex);
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

    private static string? ReadPassword(MqttConnectionOptions options, ILogger? logger, string section)
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
            WarnIfWorldReadable(path, logger, section);
            return File.ReadAllText(path).TrimEnd('\r', '\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{section}:PasswordFile: cannot read '{path}' ({ex.Message}).", ex);
        }
    }

    /// <summary>As ssh does for keys: a password any local user can read is not a secret. A
    /// warning, not a refusal: group-readable (e.g. 0640 root:edgeemotion) is a sound setup.</summary>
    private static void WarnIfWorldReadable(string path, ILogger? logger, string section)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.OtherRead) != 0 && logger is not null)
        {
            LogWorldReadable(logger, section, path, Convert.ToString((int)mode, 8).PadLeft(4, '0'));
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

    [LoggerMessage(0, LogLevel.Warning, "{Section}:PasswordFile: '{Path}' is readable by every user (mode {Mode}); restrict it: chmod 600 {Path}")]
    private static partial void LogWorldReadable(ILogger logger, string section, string path, string mode);
}
