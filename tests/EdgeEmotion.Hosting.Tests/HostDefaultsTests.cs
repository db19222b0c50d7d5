using Microsoft.Extensions.Configuration;

namespace EdgeEmotion.Hosting.Tests;

/// <summary>What every program's host keeps of .NET's defaults.</summary>
public sealed class HostDefaultsTests
{
    /// <summary>Settings are validated once, at start; a watcher of the JSON files would be a
    /// thread and an inotify watch for nothing (the process-level check: ResidentLibrariesTests).</summary>
    [Fact]
    public void No_settings_file_is_watched_for_changes()
    {
        using var etc = new TempDirectory();
        File.WriteAllText(etc.Combine("10-site.json"), """{ "Site": "shop" }""");
        var builder = ProgramHost.CreateBuilder(new UserSettings([], etc.Path, SampleProgram.EnvironmentPrefix));

        var files = ((IConfigurationBuilder)builder.Configuration).Sources.OfType<FileConfigurationSource>().ToList();

        // The host's (appsettings.json and others of .NET's defaults) and the one under /etc.
        Assert.Contains(files, f => f.Path == "appsettings.json");
        Assert.Contains(files, f => f.Path == "10-site.json");
        Assert.All(files, f => Assert.False(f.ReloadOnChange, $"{f.Path} is watched"));
        TestContext.Current.SendDiagnosticMessage(string.Join(", ", files.Select(f => f.Path)));
    }
}
