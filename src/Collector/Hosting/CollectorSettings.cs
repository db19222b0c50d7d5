namespace EdgeEmotion.Collector.Hosting;

/// <summary>Top-level keys: <c>StateDirectory</c> (where the SQLite database lives).</summary>
public sealed class CollectorSettings
{
    /// <summary><c>$STATE_DIRECTORY</c> (the unit's) or <c>./state</c> when empty.</summary>
    public string StateDirectory { get; set; } = "";

    public string ResolvedStateDirectory =>
        !string.IsNullOrEmpty(StateDirectory) ? StateDirectory
        : Environment.GetEnvironmentVariable("STATE_DIRECTORY") is { Length: > 0 } fromSystemd ? fromSystemd.Split(':')[0]
        : Path.Combine(Environment.CurrentDirectory, "state");
}
