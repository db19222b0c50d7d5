using EdgeEmotion.Daemon.Hosting;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>Runs <c>--check-config</c> in this process, through the same path as the program
/// (<see cref="DaemonStartup"/>), so that many bad settings can be tried without a process each.</summary>
internal static class ConfigCheck
{
    public const string DemoSource = "--Source:Uri=images://samples/demo";

    public static (int Exit, string Output) Run(params string[] args) => RunWith(null, args);

    public static (int Exit, string Output) RunWith(string? etcDirectory, params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = DaemonStartup.RunAsync([DaemonStartup.CheckConfig, .. args], output, errors, etcDirectory).GetAwaiter().GetResult();
        return (exit, output.ToString() + errors);
    }

    /// <summary>The error lines, without the program's prefix.</summary>
    public static string[] Errors(string output) =>
        [.. output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("edgeemotion: ", StringComparison.Ordinal)).Select(l => l["edgeemotion: ".Length..])];
}
