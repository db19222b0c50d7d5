using EdgeEmotion.Daemon.Hosting;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>Runs <c>--check-config</c> in this process, through the same path as the program
/// (<see cref="DaemonStartup"/>), so that many bad settings can be tried without a process each.</summary>
internal static class ConfigCheck
{
    public const string DemoSource = "--Source:Uri=images://samples/demo";
    private const string Program = "edgeemotion";

    public static (int Exit, string Output) Run(params string[] args) => RunWith(null, args);

    public static (int Exit, string Output) RunWith(string? etcDirectory, params string[] args)
    {
        var (exit, output, errors) = RunApart(etcDirectory, args);
        return (exit, output + errors);
    }

    /// <summary>The check of settings it must refuse (<see cref="RefusedSettings"/>): the problem
    /// lines, without the program's prefix.</summary>
    public static string[] Refused(params string[] args) => RefusedWith(null, args);

    public static string[] RefusedWith(string? etcDirectory, params string[] args)
    {
        var (exit, _, errors) = RunApart(etcDirectory, args);
        return RefusedSettings.Lines(Program, exit, errors);
    }

    /// <summary>The error lines, without the program's prefix.</summary>
    public static string[] Errors(string output) =>
        [.. output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith(Program + ": ", StringComparison.Ordinal)).Select(l => l[(Program.Length + 2)..])];

    private static (int Exit, string Output, string Errors) RunApart(string? etcDirectory, string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = DaemonStartup.RunAsync([DaemonStartup.CheckConfig, .. args], output, errors, etcDirectory).GetAwaiter().GetResult();
        return (exit, output.ToString(), errors.ToString());
    }
}
