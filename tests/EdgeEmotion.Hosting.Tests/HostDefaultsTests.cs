using Microsoft.Extensions.Configuration;

namespace EdgeEmotion.Hosting.Tests;

/// <summary>What every program's host keeps of .NET's defaults.</summary>
public sealed class HostDefaultsTests
{
    /// <summary>Only the files <see cref="UserSettings"/> names and checks for unknown keys are
    /// read: not .NET's other defaults (appsettings.Production.json, and since .NET 10
    /// &lt;program&gt;.settings.json and &lt;program&gt;.settings.Production.json beside the program).
    /// Settings are validated once, at start; a watcher of the files would be a thread and an
    /// inotify watch for nothing (the process-level check: ResidentLibrariesTests).</summary>
    [Fact]
    public void Only_the_installers_settings_files_are_read_and_none_is_watched_for_changes()
    {
        using var etc = new TempDirectory();
        File.WriteAllText(etc.Combine("10-site.json"), """{ "Site": "shop" }""");
        var builder = ProgramHost.CreateBuilder(new UserSettings([], etc.Path, SampleProgram.EnvironmentPrefix));

        var files = ((IConfigurationBuilder)builder.Configuration).Sources.OfType<FileConfigurationSource>().ToList();

        Assert.Equal(["appsettings.json", "10-site.json"], files.Select(f => f.Path));
        Assert.All(files, f => Assert.False(f.ReloadOnChange, $"{f.Path} is watched"));
    }
}
