using EdgeEmotion.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace EdgeEmotion.Hosting;

/// <summary>The host builder every program of ours starts from: the installer's settings sources
/// (<see cref="UserSettings"/>) with their schema, systemd integration and journal output. The
/// program then adds its sections (<see cref="ValidatedSettings"/>) and services, and starts
/// through <see cref="RunAsync"/>, which validates them once built.</summary>
public static class ProgramHost
{
    /// <summary>Every program's flag to validate its settings and stop there.</summary>
    public const string CheckConfig = "--check-config";

    /// <summary>How long a program's services have to stop.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(15);

    /// <summary>What every program's start does around its own: builds the host
    /// (<paramref name="build"/>), validates the settings, then hands the host to
    /// <paramref name="run"/>; a user error anywhere (a bad setting, a refused connection, a file
    /// that cannot be read) becomes one line per problem on <paramref name="errors"/>, prefixed
    /// with <paramref name="program"/>, and exit code 2. Any other exception is a bug and keeps
    /// its stack trace.</summary>
    public static async Task<int> RunAsync(string program, TextWriter errors, Func<IHost> build, Func<IHost, Task<int>> run)
    {
        try
        {
            using var host = build();
            StartupErrors.Validate(host.Services);
            return await run(host);
        }
        catch (Exception ex) when (StartupErrors.Describe(ex) is { } lines)
        {
            StartupErrors.Write(errors, program, lines);
            return UserInputException.ExitCode;
        }
    }

    public static HostApplicationBuilder CreateBuilder(UserSettings userSettings)
    {
        HostApplicationBuilder builder;
        try
        {
            builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                Args = [.. userSettings.Args],
                ContentRootPath = AppContext.BaseDirectory,
                DisableDefaults = false,
                Configuration = WithoutReload(),
            });
            KeepOnlyAppSettingsJson(builder.Configuration);
            // Order: appsettings.json < /etc/<program>/*.json < environment (program's prefix) < command line.
            userSettings.AddTo(builder.Configuration);
        }
        catch (InvalidDataException ex)
        {
            // .NET's JSON provider reads a file as it is added and says which one does not parse
            // with this type, which our code cannot throw as a user error at the source.
            throw new UserInputException(ex.Message, ex);
        }
        builder.Services.AddSingleton(userSettings);
        builder.Services.AddSingleton(SettingsSchema.Of(builder));
        // A stop must finish inside the programs' units' TimeoutStopSec (20 s, deploy/systemd).
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);

        // The host logs start and background-service failures with their stack traces, then
        // rethrows them: the program turns known ones into one line naming the setting, and the
        // runtime prints any other with its stack. Logging them here too only doubles them.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        AddSystemd(builder.Services);
        return builder;
    }

    /// <summary>The host's own configuration, read before its defaults: settings are bound and
    /// validated once, at start, so a file changed later is never applied, and the defaults' watcher
    /// of appsettings.json (a thread and an inotify watch for the process's life) serves nothing.</summary>
    private static ConfigurationManager WithoutReload()
    {
        var configuration = new ConfigurationManager();
        // (A key set through the indexer of a configuration without sources is kept nowhere.)
        configuration.AddInMemoryCollection([new(ReloadConfigOnChangeKey, "false")]);
        return configuration;
    }

    /// <summary>.NET's defaults also read appsettings.&lt;Environment&gt;.json and (since .NET 10)
    /// &lt;program&gt;.settings[.&lt;Environment&gt;].json beside the program. The installer's files are the
    /// ones <see cref="UserSettings"/> names and checks for unknown keys; a key in a file nobody
    /// documents would be applied without that check.</summary>
    private static void KeepOnlyAppSettingsJson(ConfigurationManager configuration)
    {
        foreach (var source in configuration.Sources.OfType<FileConfigurationSource>().Where(s => s.Path != "appsettings.json").ToList())
        {
            configuration.Sources.Remove(source);
        }
    }

    /// <summary>The host's key for watching its default JSON files (true unless set).</summary>
    internal const string ReloadConfigOnChangeKey = "hostBuilder:reloadConfigOnChange";

    /// <summary>Ready/stopping notifications and the journal's log format under systemd, and a
    /// notifier always (a program's watchdog pings through it; outside systemd it does nothing).</summary>
    public static void AddSystemd(IServiceCollection services)
    {
        services.AddSystemd();
        JournalOutput.ConfigureLogFormat(services);
        // AddSystemd registers the notifier only under systemd; a watchdog needs one always.
        services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>();
    }
}
