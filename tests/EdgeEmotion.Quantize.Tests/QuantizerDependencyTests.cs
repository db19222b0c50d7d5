using System.Text.Json;

namespace EdgeEmotion.Quantize.Tests;

/// <summary>The quantizer is a desktop tool that needs nothing of the daemon (issue 28): the
/// person detector's input it calibrates on is Core's. A reference to the daemon brought its
/// libraries (MQTTnet, OpenCvSharp, the Iot bindings) and the ASP.NET Core runtime, without which
/// the quantizer would not start. Read from the files the build writes beside the program, which
/// every build rewrites.</summary>
public sealed class QuantizerDependencyTests
{
    private static string ProgramFile(string extension) => Path.Combine(AppContext.BaseDirectory, "edgeemotion-quantize" + extension);

    [Fact]
    public void The_quantizer_runs_on_the_plain_dotnet_runtime_without_the_daemon()
    {
        using var runtime = JsonDocument.Parse(File.ReadAllText(ProgramFile(".runtimeconfig.json")));
        var options = runtime.RootElement.GetProperty("runtimeOptions");
        var frameworks = options.TryGetProperty("frameworks", out var several)
            ? [.. several.EnumerateArray().Select(f => f.GetProperty("name").GetString())]
            : new[] { options.GetProperty("framework").GetProperty("name").GetString() };
        Assert.Equal(["Microsoft.NETCore.App"], frameworks);

        using var deps = JsonDocument.Parse(File.ReadAllText(ProgramFile(".deps.json")));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name).ToList();
        Assert.Contains(libraries, l => l.StartsWith("EdgeEmotion.Core/", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, l => l.StartsWith("edgeemotion-daemon", StringComparison.Ordinal));
    }
}
