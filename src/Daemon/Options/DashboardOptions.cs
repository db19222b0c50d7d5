namespace EdgeEmotion.Daemon.Options;

/// <summary>Section <c>Dashboard</c>: the daemon serves the live dashboard (dashboard/README.md)
/// and, with the embedded broker, MQTT over WebSockets on the same port. Off by default.</summary>
internal sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>Where to serve it, e.g. <c>http://127.0.0.1:8080</c> (several separated by ';');
    /// empty: no dashboard.</summary>
    public string Urls { get; set; } = "";

    public bool Enabled => !string.IsNullOrWhiteSpace(Urls);

    public IReadOnlyList<string> UrlList => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
