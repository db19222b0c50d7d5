using EdgeEmotion.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeEmotion.Collector.Hosting;

/// <summary>What <c>edgeemotion-collector [--check-config] [--Key=value …]</c> does: validate,
/// then run (or with <c>--check-config</c> stop there, opening no database). Exit codes: 0 ok,
/// 2 bad configuration (one line per problem on standard error).</summary>
public static class CollectorStartup
{
    public const string CheckConfig = ProgramHost.CheckConfig;
    public const string Program = "edgeemotion-collector";

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, string? etcDirectory = CollectorHost.EtcDirectory)
    {
        var checkOnly = args.Contains(CheckConfig);
        var hostArgs = args.Where(a => a != CheckConfig).ToArray();
        return ProgramHost.RunAsync(Program, errors, () => CollectorHost.CreateBuilder(hostArgs, etcDirectory).Build(), async host =>
        {
            CollectorHost.CheckSettings(host.Services);
            if (checkOnly)
            {
                // Said before the first start, since a new database keeps these hours for good.
                var zone = host.Services.GetRequiredService<IOptions<ReportsOptions>>().Value.Resolve();
                output.WriteLine($"Reports: {zone.Id}; a new database keeps its hourly rollups in {HourGrid.Of(zone)} (the zone's local hours).");
                output.WriteLine("Configuration is valid.");
                return 0;
            }
            _ = host.Services.GetRequiredService<CollectorStore>();
            await host.RunAsync();
            return 0;
        });
    }
}
