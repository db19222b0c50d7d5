using EdgeEmotion.Daemon.Hosting;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

// Exit codes: 0 ok, 2 bad configuration or input (one line per problem on stderr).
var checkOnly = args.Contains("--check-config");
var decommission = args.Contains("--decommission");
var hostArgs = args.Where(a => a is not ("--check-config" or "--decommission")).ToArray();
try
{
    var builder = DaemonHost.CreateBuilder(hostArgs);
    using var host = builder.Build();
    StartupErrors.Validate(host.Services);
    if (decommission)
    {
        var mqtt = host.Services.GetRequiredService<IOptions<MqttOptions>>().Value;
        var device = host.Services.GetRequiredService<IOptions<DaemonOptions>>().Value.ResolvedDeviceId;
        var cleared = await new Decommission(mqtt, device, host.Services.GetRequiredService<MqttConnectionSettings>()).RunAsync(CancellationToken.None);
        Console.WriteLine($"Cleared {cleared.Count} retained topics of device '{device}' on {mqtt.Host}:{mqtt.Port} (Home Assistant entities, status, stats).");
        return 0;
    }
    DaemonHost.CheckStages(host.Services);
    if (checkOnly)
    {
        Console.WriteLine("Configuration, models and source settings are valid.");
        return 0;
    }
    await host.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupErrors.Describe(ex) is { } lines)
{
    foreach (var line in lines)
    {
        Console.Error.WriteLine($"edgeemotion: {line}");
    }
    return 2;
}
