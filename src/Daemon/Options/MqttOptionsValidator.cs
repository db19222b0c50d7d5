namespace EdgeEmotion.Daemon.Options;

/// <summary>Rules of <see cref="MqttOptions"/> that span two keys or need more than an attribute:
/// the broker's host must be a host name or address, and port 0 (pick a free port) only makes
/// sense for the embedded broker.</summary>
internal sealed class MqttOptionsValidator : IValidateOptions<MqttOptions>
{
    public ValidateOptionsResult Validate(string? name, MqttOptions options)
    {
        var failures = new List<string>();
        if (!options.UsesEmbeddedBroker && Uri.CheckHostName(options.Host) == UriHostNameType.Unknown)
        {
            failures.Add(SettingLine.Invalid("Mqtt:Host", options.Host, "must be a host name or an IP address (empty: the embedded broker)"));
        }
        if (!options.UsesEmbeddedBroker && options.Port == 0)
        {
            failures.Add(SettingLine.Invalid("Mqtt:Port", options.Port.ToString(CultureInfo.InvariantCulture),
                $"port 0 (a free port) is for the embedded broker only; the broker at '{options.Host}' needs its port (usually 1883, 8883 with TLS)"));
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
