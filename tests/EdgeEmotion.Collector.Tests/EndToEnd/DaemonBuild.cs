using System.Diagnostics;
using System.Reflection;
using EdgeEmotion.Daemon.Tests;

namespace EdgeEmotion.Collector.Tests.EndToEnd;

/// <summary>The daemon as built by its own project (the test project references it for the build
/// order only and records where its output is): run from there, beside its own settings and models.</summary>
public static class DaemonBuild
{
    public static string Program { get; } = typeof(DaemonBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "DaemonProgram").Value ?? throw new InvalidOperationException("the test project names no daemon build");

    public static DaemonProcess Start(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(Program)! };
        start.ArgumentList.Add(Program);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        return DaemonProcess.Start(start);
    }
}
