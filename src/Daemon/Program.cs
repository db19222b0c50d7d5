using EdgeEmotion.Daemon.Hosting;
using Microsoft.Extensions.Options;

// Exit codes: 0 ok, 2 bad configuration or input (one line per problem on stderr).
var checkOnly = args.Contains("--check-config");
var hostArgs = args.Where(a => a != "--check-config").ToArray();
try
{
    var builder = DaemonHost.CreateBuilder(hostArgs);
    using var host = builder.Build();
    StartupErrors.Validate(host.Services);
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
