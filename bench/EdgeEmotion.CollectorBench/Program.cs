using System.Globalization;
using EdgeEmotion.CollectorBench;

// edgeemotion-collector-bench [ingest] [--devices 50] [--hours 1] [--window-seconds 10] [--visits-per-hour 300]
//                             [--seed 26] [--providers sqlite,postgres] [--publishers 4]
//   Sustained ingest through mosquitto into the collector process (IngestRun).
// edgeemotion-collector-bench history [--devices 50] [--days 30] [--window-seconds 60] [--visits-per-hour 41.67]
//                             [--outage-hours 1] [--seed-batch 5000] [--seed 26] [--providers sqlite,postgres] [--publishers 4]
//   Days of a fleet stored by the direct path, an outage's backlog through mosquitto, and the
//   API's summary times on that history (HistoryRun).
var options = Options.Parse(args);
Console.WriteLine($"CPU: {Cpu.Describe()}; load average at start {LoadAverage.Now()}");
if (options.Mode == "ingest")
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Fleet: {options.Devices} devices, {options.Hours} h of {options.WindowSeconds} s windows, {options.VisitsPerHour} visits/h per device, seed {options.Seed}, {options.Publishers} publishers"));
    var messages = new FleetSimulator(options.Devices, options.Hours, options.WindowSeconds, options.VisitsPerHour, options.Seed).Messages()
        .Select(m => (m.Topic, m.Payload)).ToList();
    Console.WriteLine($"Messages: {messages.Count} ({messages.Count(m => m.Topic.EndsWith("/visits", StringComparison.Ordinal))} visits)");
    Console.WriteLine();
    Console.WriteLine(IngestRun.Header);
    foreach (var provider in options.Providers)
    {
        Console.WriteLine(await IngestRun.OnceAsync(provider, backlog: false, options, messages));
        Console.WriteLine(await IngestRun.OnceAsync(provider, backlog: true, options, messages));
    }
}
else
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Fleet: {options.Devices} devices, {options.Days} days of {options.WindowSeconds} s windows and {options.VisitsPerHour * 24:0} visits per device and day, then {options.OutageHours} h of outage; seed {options.Seed}, seeded in batches of {options.SeedBatch}, {options.Publishers} publishers"));
    Console.WriteLine();
    Console.WriteLine(HistoryRun.Header);
    var profiles = new List<string>();
    foreach (var provider in options.Providers)
    {
        var (row, profile) = await HistoryRun.OnceAsync(provider, options);
        Console.WriteLine(row);
        profiles.AddRange(profile);
    }
    Console.WriteLine();
    Console.WriteLine("Where a summary's time goes (in the bench's process, against the same store):");
    Console.WriteLine();
    Console.WriteLine(QueryProfile.Header);
    profiles.ForEach(Console.WriteLine);
}
