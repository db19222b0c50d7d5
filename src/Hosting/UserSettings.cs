using Microsoft.Extensions.Configuration;

namespace EdgeEmotion.Hosting;

/// <summary>
/// The configuration sources an installer writes: <c>appsettings.json</c> beside the program,
/// <c>*.json</c> in the program's directory under <c>/etc</c> (name order), environment variables
/// with the program's prefix (the daemon's <c>EDGEEMOTION__</c>) and the command line, later wins.
/// Only these are checked for unknown keys: the host also reads the whole process environment
/// (PATH, HOME, DOTNET_…), whose keys are nobody's typo.
/// </summary>
public sealed class UserSettings(string[] args, string? etcDirectory, string environmentPrefix)
{
    public string EnvironmentPrefix => environmentPrefix;

    /// <summary>The command line: settings (<c>--Key=value</c>) and the host's own switches.</summary>
    public IReadOnlyList<string> Args => args;

    /// <summary>Adds the installer's sources after the host's defaults (appsettings.json is one of those).</summary>
    public void AddTo(IConfigurationBuilder configuration)
    {
        foreach (var file in EtcFiles())
        {
            configuration.AddJsonFile(file, optional: true, reloadOnChange: false);
        }
        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        configuration.AddCommandLine(args);
    }

    /// <summary>Only the installer's sources, read again, for checking their keys.</summary>
    public IConfiguration Build()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        AddTo(configuration);
        return configuration.Build();
    }

    private IEnumerable<string> EtcFiles() =>
        etcDirectory is not null && Directory.Exists(etcDirectory)
            ? Directory.GetFiles(etcDirectory, "*.json").Order(StringComparer.Ordinal)
            : [];
}
