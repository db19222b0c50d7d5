using System.Globalization;

namespace EdgeEmotion.CollectorBench;

/// <summary>The command line: a mode (<c>ingest</c> or <c>history</c>) and <c>--name value</c> pairs,
/// whose defaults are the issue's targets for that mode.</summary>
internal sealed record Options(string Mode, int Devices, double Hours, int Days, int WindowSeconds, double VisitsPerHour, double OutageHours, int Seed,
    string[] Providers, int Publishers, int SeedBatch)
{
    public static Options Parse(string[] args)
    {
        var mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "ingest";
        if (mode is not ("ingest" or "history"))
        {
            throw new ArgumentException($"mode: '{mode}' is not ingest or history");
        }
        var history = mode == "history";
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var c = CultureInfo.InvariantCulture;
        return new Options(mode,
            int.Parse(Get("devices", "50"), c),
            double.Parse(Get("hours", "1"), c),
            int.Parse(Get("days", "30"), c),
            int.Parse(Get("window-seconds", history ? "60" : "10"), c),
            // history: 1,000 visits per device and day
            double.Parse(Get("visits-per-hour", history ? (1000 / 24.0).ToString("R", c) : "300"), c),
            double.Parse(Get("outage-hours", "1"), c),
            int.Parse(Get("seed", "26"), c),
            Get("providers", "sqlite,postgres").Split(','),
            int.Parse(Get("publishers", "4"), c),
            int.Parse(Get("seed-batch", "5000"), c));
    }
}
