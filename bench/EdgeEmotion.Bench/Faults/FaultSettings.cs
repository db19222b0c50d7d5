using System.Globalization;

namespace EdgeEmotion.Bench.Faults;

/// <summary>
/// The fault run's own settings, given as <c>--Faults:Key=value</c> among the daemon's settings
/// (everything else is passed on to the daemon).
/// </summary>
public sealed record FaultSettings
{
    /// <summary>How long each broker stall, broker kill and full disk lasts.</summary>
    public double FaultSeconds { get; init; } = 40;

    /// <summary>Normal running between two faults (and before the first).</summary>
    public double NormalSeconds { get; init; } = 20;

    /// <summary>How long the daemon stays down after its SIGKILL before it is started again.</summary>
    public double DaemonDownSeconds { get; init; } = 5;

    /// <summary>At the end, the longest wait for the daemon's outbox to empty before the stop.</summary>
    public double DrainSeconds { get; init; } = 180;

    /// <summary>Size of the tmpfs that holds the daemon's state directory.</summary>
    public double TmpfsMegabytes { get; init; } = 8;

    private const string Prefix = "--Faults:";

    /// <summary>Splits the command line into the run's settings and the daemon's; one clear line
    /// (key, value, rule) for a bad or unknown <c>--Faults:</c> key.</summary>
    public static (FaultSettings Settings, string[] DaemonSettings) Parse(IEnumerable<string> args)
    {
        var settings = new FaultSettings();
        var daemon = new List<string>();
        foreach (var arg in args)
        {
            if (!arg.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                daemon.Add(arg);
                continue;
            }
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? arg[Prefix.Length..] : arg[Prefix.Length..eq];
            var text = eq < 0 ? "" : arg[(eq + 1)..];
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value <= 0)
            {
                throw new ArgumentException($"{Prefix}{key}: '{text}' is not a number above 0.");
            }
            settings = key.ToUpperInvariant() switch
            {
                "FAULTSECONDS" => settings with { FaultSeconds = value },
                "NORMALSECONDS" => settings with { NormalSeconds = value },
                "DAEMONDOWNSECONDS" => settings with { DaemonDownSeconds = value },
                "DRAINSECONDS" => settings with { DrainSeconds = value },
                "TMPFSMEGABYTES" when value >= 1 && value == Math.Floor(value) => settings with { TmpfsMegabytes = value },
                "TMPFSMEGABYTES" => throw new ArgumentException($"{Prefix}{key}: '{text}' is not a whole number of megabytes of at least 1."),
                _ => throw new ArgumentException($"{Prefix}{key}: unknown key; known are FaultSeconds, NormalSeconds, DaemonDownSeconds, DrainSeconds, TmpfsMegabytes."),
            };
        }
        return (settings, [.. daemon]);
    }
}
