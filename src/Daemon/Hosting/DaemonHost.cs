using EdgeEmotion.Core;
using EdgeEmotion.Daemon.Classification;
using EdgeEmotion.Daemon.Dashboard;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Gpio;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.Publishing;
using EdgeEmotion.Daemon.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeEmotion.Daemon.Hosting;

/// <summary>Wires the daemon: configuration sources, validated options, the stages and the
/// hosted services (started in this order, stopped in reverse: pipeline, window flush,
/// publisher, broker).</summary>
public static class DaemonHost
{
    public const string EtcDirectory = "/etc/edgeemotion";

    public static HostApplicationBuilder CreateBuilder(string[] args, string? etcDirectory = EtcDirectory)
    {
        HostApplicationBuilder builder;
        var userSettings = new UserSettings(args, etcDirectory);
        try
        {
            builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                Args = args,
                ContentRootPath = AppContext.BaseDirectory,
                DisableDefaults = false,
            });
            // Order: appsettings.json < /etc/edgeemotion/*.json < EDGEEMOTION__ environment < command line.
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

        // The host logs start and background-service failures with their stack traces, then
        // rethrows them: Program turns known ones into one line naming the setting, and the
        // runtime prints any other with its stack. Logging them here too only doubles them.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", Microsoft.Extensions.Logging.LogLevel.Critical);
        // A stop must finish inside the unit's TimeoutStopSec (20 s): the publisher gives up sending
        // after Mqtt:ShutdownSeconds and leaves the rest on disk; this bounds everything else.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddSystemd();
        JournalOutput.ConfigureLogFormat(builder.Services);
        // AddSystemd registers the notifier only under systemd; the watchdog needs one always.
        builder.Services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>();
        var services = builder.Services;
        AddSettings(builder);
        services.AddSingleton(TimeProvider.System);
        services.AddPipelineStages();
        services.AddDashboard(); // before the broker (see AddDashboard)
        services.AddPublishing(); // the broker, then the publisher
        services.AddHostedService<WindowService>();
        services.AddHostedService<PipelineService>();
        services.AddHostedService<WatchdogService>();
        services.AddGpio(); // last: its LED service stops first, so the LED goes off as the stop begins
        return builder;
    }

    /// <summary>Creates every stage once, so that bad settings, missing models and unknown
    /// sources fail at start with their own message rather than later in a loop. With
    /// <paramref name="readOnly"/> (<c>--check-config</c>) nothing is written: the stages that
    /// keep state on disk are left out and the state directory is only looked at.</summary>
    public static void CheckStages(IServiceProvider services, bool readOnly = false)
    {
        services.GetRequiredService<FrameSourceFactory>().CheckTarget();
        _ = services.GetRequiredService<IFaceDetector>();
        _ = services.GetRequiredService<EmotionClassifier>();
        if (!readOnly)
        {
            // Takes the state directory's lock and reads seq and the outboxes: a second daemon on
            // the same directory or a damaged seq file stops here with one line.
            _ = services.GetRequiredService<MessageStreams>();
        }
        _ = services.GetRequiredService<MqttConnectionSettings>();
        var gpio = services.GetRequiredService<GpioBoard>();
        if (readOnly)
        {
            gpio.Check();
        }
        else
        {
            gpio.Open();
        }
    }

    /// <summary>Every configuration section, bound and validated at start.</summary>
    private static void AddSettings(HostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DaemonOptions>().Bind(builder.Configuration).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DaemonOptions>>(sp => new SettingsValidator<DaemonOptions>("", sp.GetRequiredService<IConfiguration>()));
        SettingsSchema.Of(builder).AddTopLevel<DaemonOptions>();
        AddSection<SourceOptions>(builder, SourceOptions.Section);
        AddSection<DetectorOptions>(builder, DetectorOptions.Section);
        AddSection<ModelOptions>(builder, ModelOptions.Section);
        AddSection<AggregationOptions>(builder, AggregationOptions.Section);
        AddSection<MqttOptions>(builder, MqttOptions.Section);
        AddSection<TrackingOptions>(builder, TrackingOptions.Section);
        AddSection<VisitsOptions>(builder, VisitsOptions.Section);
        AddSection<GpioOptions>(builder, GpioOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<MqttOptions>, MqttOptionsValidator>();
        AddSection<DashboardOptions>(builder, DashboardOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
    }

    /// <summary>Binds and validates a section: one line per bad key (<see cref="SettingsValidator{T}"/>),
    /// unknown keys named by <see cref="SettingsSchema"/> (the binder's own error stays as a backstop).</summary>
    private static void AddSection<T>(HostApplicationBuilder builder, string section)
        where T : class
    {
        SettingsSchema.Of(builder).AddSection<T>(section);
        builder.Services.AddOptions<T>()
            .Bind(builder.Configuration.GetSection(section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<T>>(sp => new SettingsValidator<T>(section + ":", sp.GetRequiredService<IConfiguration>()));
    }
}
