namespace EdgeEmotion.Daemon.Tests;

/// <summary>Memory that does not grow with the JIT (issue 29): the daemon's runtimeconfig turns
/// tiered compilation and dynamic PGO off. Both are one line of the project file, easy to lose in
/// an edit, and without them resident memory grows for as long as the daemon runs.</summary>
public sealed class JitSettingsTests
{
    /// <summary>The runtimeconfig the build writes beside the daemon, the one publish ships.</summary>
    private static JsonElement ConfigProperties()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "edgeemotion-daemon.runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        return json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Theory]
    [InlineData("System.Runtime.TieredCompilation", "TieredCompilation")]
    [InlineData("System.Runtime.TieredPGO", "TieredPGO")]
    public void The_daemons_runtimeconfig_turns_it_off(string setting, string projectProperty)
    {
        var properties = ConfigProperties();
        Assert.True(properties.TryGetProperty(setting, out var value) && value.ValueKind == JsonValueKind.False,
            $"edgeemotion-daemon.runtimeconfig.json must have {setting}: false (<{projectProperty}>false</{projectProperty}> in src/Daemon/EdgeEmotion.Daemon.csproj): with it on, the JIT's recompiled code makes resident memory grow for as long as the daemon runs");
    }
}
