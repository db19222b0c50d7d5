using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Daemon.Classification;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.Publishing;
using EdgeEmotion.Daemon.StateDirectory;

namespace EdgeEmotion.Daemon.Hosting;

/// <summary>What <c>edgeemotion-daemon [--check-config | --decommission] [--Key=value …]</c> does:
/// validate, check the stages, then run (or, with <c>--check-config</c>, stop there without writing
/// anything; with <c>--decommission</c>, clear what the device left retained on the broker).
/// Exit codes: 0 ok, 2 bad configuration or input (one line per problem on standard error).</summary>
internal static class DaemonStartup
{
    public const string CheckConfig = ProgramHost.CheckConfig;

    public const string DecommissionFlag = "--decommission";

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, string? etcDirectory = DaemonHost.EtcDirectory)
    {
        var checkOnly = args.Contains(CheckConfig);
        var decommission = args.Contains(DecommissionFlag);
        var hostArgs = args.Where(a => a is not (CheckConfig or DecommissionFlag)).ToArray();
        return ProgramHost.RunAsync("edgeemotion", errors, () => DaemonHost.CreateBuilder(hostArgs, etcDirectory).Build(), async host =>
        {
            var daemon = host.Services.GetRequiredService<IOptions<DaemonOptions>>().Value;
            if (decommission)
            {
                var mqtt = host.Services.GetRequiredService<IOptions<MqttOptions>>().Value;
                var cleared = await new Decommission(mqtt, daemon.ResolvedDeviceId, host.Services.GetRequiredService<MqttConnectionSettings>()).RunAsync(CancellationToken.None);
                output.WriteLine($"Cleared {cleared.Count} retained topics of device '{daemon.ResolvedDeviceId}' on {mqtt.Host}:{mqtt.Port} (Home Assistant entities, status, stats).");
                return 0;
            }
            if (checkOnly)
            {
                var note = StateDirectoryCheck.CheckReadOnly(daemon);
                DaemonHost.CheckStages(host.Services, readOnly: true);
                if (note is not null)
                {
                    output.WriteLine($"Note: {note}");
                }
                var model = host.Services.GetRequiredService<EmotionClassifier>().Model;
                var kernels = Int8KernelSelection.Describe(model, host.Services.GetRequiredService<Int8KernelChoice>(), host.Services.GetRequiredService<CpuFeatures>());
                output.WriteLine($"Classifier: {host.Services.GetRequiredService<IOptions<ModelOptions>>().Value.Path} runs {kernels}.");
                output.WriteLine(PeopleLine(host.Services.GetRequiredService<IOptions<PeopleOptions>>().Value, host.Services.GetRequiredService<IOptions<VisitsOptions>>().Value));
                output.WriteLine("Configuration, models and source settings are valid.");
                return 0;
            }
            StateDirectoryCheck.Create(daemon);
            DaemonHost.CheckStages(host.Services);
            await host.RunAsync();
            return 0;
        });
    }

    /// <summary>The person stage's settings, as --check-config reports them.</summary>
    private static string PeopleLine(PeopleOptions people, VisitsOptions visits) => people.Enabled
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"People: on, {people.Model} at {people.Fps} frames/s, MinScore {people.MinScore}; a watcher looks for {visits.WatcherSeconds} s.")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"People: off (visits are face tracks); a watcher looks for {visits.WatcherSeconds} s.");
}
