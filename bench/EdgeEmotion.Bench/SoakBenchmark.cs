using System.Diagnostics;
using System.Globalization;
using EdgeEmotion.Daemon.Hosting;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace EdgeEmotion.Bench;

/// <summary>The daemon host in-process on the looped demo pictures with its embedded broker for a
/// given time; resident memory sampled every minute. Growth after warm-up (minute 2 onwards)
/// must stay under 5%.</summary>
public static class SoakBenchmark
{
    public static async Task<int> RunAsync(double minutes)
    {
        var state = Path.Combine(Path.GetTempPath(), "edgeemotion-soak-" + Guid.NewGuid().ToString("N")[..8]);
        string[] args =
        [
            "--Source:Uri=images://samples/demo?fps=15", "--Mqtt:Port=0", "--Mqtt:LogMessages=false",
            $"--StateDirectory={state}", "--Aggregation:WindowSeconds=10", "--Logging:LogLevel:Default=Warning",
        ];
        using var host = DaemonHost.CreateBuilder(args, etcDirectory: null).Build();
        await host.StartAsync();
        var samples = new List<(double Minute, double RssMb)>();
        var clock = Stopwatch.StartNew();
        for (var m = 1; m <= Math.Ceiling(minutes); m++)
        {
            await Task.Delay(TimeSpan.FromMinutes(Math.Min(1, minutes - (m - 1))));
            using var process = Process.GetCurrentProcess();
            samples.Add((clock.Elapsed.TotalMinutes, process.WorkingSet64 / 1048576.0));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"minute {clock.Elapsed.TotalMinutes:F1}: RSS {samples[^1].RssMb:F1} MB"));
        }
        var stats = host.Services.GetService(typeof(PipelineStats)) as PipelineStats;
        await host.StopAsync();
        Directory.Delete(state, recursive: true);

        var table = new Table().Title($"Soak: {minutes} min on the looped demo pictures at 15 fps").AddColumns("minute", "RSS MB");
        foreach (var (minute, rss) in samples)
        {
            table.AddRow(minute.ToString("F1", CultureInfo.InvariantCulture), rss.ToString("F1", CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
        var warm = samples.Count > 2 ? samples[1].RssMb : samples[0].RssMb;
        var growth = (samples[^1].RssMb - warm) / warm * 100;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"frames analysed: {stats?.FramesAnalysed}; RSS after warm-up {warm:F1} MB, at the end {samples[^1].RssMb:F1} MB: growth {growth:F1}% (limit 5%)"));
        return growth < 5 ? 0 : 1;
    }
}
