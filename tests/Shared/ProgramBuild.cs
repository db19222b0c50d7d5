using System.Diagnostics;
using System.Reflection;

namespace EdgeEmotion.Tests;

/// <summary>A program as built by its own project (the daemon for the collector's end-to-end test,
/// the collector for the History view), run from there beside its own settings and files. The
/// project references it for the build order only and records where its output is
/// (tests/ProgramBuild.targets).</summary>
public static class ProgramBuild
{
    /// <summary>The program's built assembly, by its assembly name (<c>edgeemotion-daemon</c>).</summary>
    public static string Path(string assemblyName) =>
        typeof(ProgramBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == $"ProgramBuild:{assemblyName}")?.Value
        ?? throw new InvalidOperationException($"the project names no build of {assemblyName} (a ProjectReference with OutputItemType=\"ProgramBuild\")");

    /// <summary>How to start it with <paramref name="args"/>, in its output folder.</summary>
    public static ProcessStartInfo StartInfo(string assemblyName, IEnumerable<string> args)
    {
        var program = Path(assemblyName);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = System.IO.Path.GetDirectoryName(program)! };
        start.ArgumentList.Add(program);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        return start;
    }
}
