namespace EdgeEmotion.Collector.Tests.Hosting;

/// <summary>The collector's runtimeconfig turns tiered compilation off (issue 26: a third of its CPU
/// per stored message was the JIT compiling hot methods again and again). One line of the project
/// file, easy to lose in an edit.</summary>
public sealed class JitSettingsTests
{
    [Fact]
    public void The_collectors_runtimeconfig_turns_tiered_compilation_off()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "edgeemotion-collector.runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.True(properties.TryGetProperty("System.Runtime.TieredCompilation", out var value) && value.ValueKind == JsonValueKind.False,
            "edgeemotion-collector.runtimeconfig.json must have System.Runtime.TieredCompilation: false (<TieredCompilation>false</TieredCompilation> in src/Collector/EdgeEmotion.Collector.csproj): with it on, the JIT takes a third of the collector's CPU per stored message");
    }
}
