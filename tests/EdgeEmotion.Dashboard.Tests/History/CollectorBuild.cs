using System.Diagnostics;
using System.Reflection;

namespace EdgeEmotion.Dashboard.Tests.History;

/// <summary>The collector as built by its own project (this project references it for the build
/// order only and records where its output is): run from there, beside its settings and the page.</summary>
public static class CollectorBuild
{
    public static string Program { get; } = typeof(CollectorBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CollectorProgram").Value ?? throw new InvalidOperationException("the test project names no collector build");

    public static ChildProcess Start(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(Program)! };
        start.ArgumentList.Add(Program);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        return ChildProcess.Start(start);
    }
}
