namespace EdgeEmotion.Daemon.Options;

/// <summary><c>Dashboard:Urls</c> must be plain http URLs with an IP address (or localhost) and a
/// port and nothing else, each on its own address and port, and none on the embedded broker's port:
/// Kestrel would otherwise fail at start with its own words, or listen where nobody expected.</summary>
internal sealed class DashboardOptionsValidator(IOptions<MqttOptions> mqtt) : IValidateOptions<DashboardOptions>
{
    public const string Key = "Dashboard:Urls";

    public const string Rule = "must be http://ADDRESS:PORT URLs (no path) separated by ';' (e.g. http://127.0.0.1:8080; http://0.0.0.0:8080 for every interface; https is not served, put a TLS proxy in front), or empty for no dashboard";

    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }
        var urls = options.UrlList.Select(url => (Text: url, Uri: DashboardAddresses.PlainHttp(url))).ToList();
        if (urls.Count == 0 || urls.Any(u => u.Uri is null))
        {
            return Fail(options, Rule);
        }
        var entries = urls.Select(u => (u.Text, u.Uri, EndPoints: DashboardAddresses.EndPoints(u.Uri!))).ToList();
        if (entries.FirstOrDefault(e => e.EndPoints.Count == 0) is { Uri: { } named })
        {
            return Fail(options, $"'{named.Host}' is a host name, which Kestrel would serve on every interface; give an IP address (0.0.0.0 for every interface) or localhost");
        }
        for (var i = 0; i < entries.Count; i++)
        {
            for (var j = i + 1; j < entries.Count; j++)
            {
                if (entries[i].EndPoints.Any(a => entries[j].EndPoints.Any(b => DashboardAddresses.Overlap(a, b))))
                {
                    return Fail(options, entries[i].Uri == entries[j].Uri
                        ? $"'{entries[i].Text}' is given twice"
                        : $"'{entries[i].Text}' and '{entries[j].Text}' would listen on the same address and port");
                }
            }
        }
        if (EmbeddedBrokerPort() is { } brokerPort && entries.Any(e => e.Uri!.Port == brokerPort))
        {
            return Fail(options, $"port {brokerPort} is the embedded MQTT broker's (Mqtt:Port); give the dashboard another port");
        }
        return ValidateOptionsResult.Success;
    }

    private static ValidateOptionsResult Fail(DashboardOptions options, string rule) =>
        ValidateOptionsResult.Fail(SettingLine.Invalid(Key, options.Urls, rule));

    /// <summary>Null without the embedded broker, with a free port (0), or when the Mqtt section
    /// is itself invalid (its own lines say why).</summary>
    private int? EmbeddedBrokerPort()
    {
        try
        {
            return mqtt.Value is { UsesEmbeddedBroker: true, Port: > 0 } m ? m.Port : null;
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }
}
