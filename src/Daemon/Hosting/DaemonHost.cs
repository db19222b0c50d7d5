using EdgeEmotion.Daemon.Classification;
using EdgeEmotion.Daemon.Dashboard;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Gpio;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.People;
using EdgeEmotion.Daemon.Publishing;
using EdgeEmotion.Daemon.Publishing.Durable;
using EdgeEmotion.Daemon.Sources;

namespace EdgeEmotion.Daemon.Hosting;

/// <summary>Wires the daemon: configuration sources, validated options, the stages and the
/// hosted services (started in this order, stopped in reverse: pipeline, window flush,
/// publisher, broker).</summary>
internal static class DaemonHost
{
    public const string EtcDirectory = "/etc/edgeemotion";

    /// <summary>Environment variables that set the daemon's keys: <c>EDGEEMOTION__Mqtt__Host</c>.</summary>
    public const string EnvironmentPrefix = "EDGEEMOTION__";

    public static HostApplicationBuilder CreateBuilder(string[] args, string? etcDirectory = EtcDirectory)
    {
        // Settings sources and their schema, systemd and the journal (the hosting library).
        var builder = ProgramHost.CreateBuilder(new UserSettings(args, etcDirectory, EnvironmentPrefix));
        // ProgramHost bounds a stop to the unit's TimeoutStopSec; the publisher gives up sending
        // after Mqtt:ShutdownSeconds and leaves the rest on disk.
        var services = builder.Services;
        AddSettings(builder);
        services.AddSingleton(TimeProvider.System);
        services.AddPipelineStages();
        services.AddDashboard(); // before the broker (see AddDashboard)
        services.AddPublishing(); // the broker, then the publisher
        services.AddHostedService<WindowService>();
        services.AddHostedService<PipelineService>();
        services.AddHostedService<WatchdogService>();
        services.AddHostedService<HeapReleaseService>();
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
        _ = services.GetRequiredService<PersonStage>();
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
        ValidatedSettings.AddTopLevel<DaemonOptions>(builder);
        AddSection<SourceOptions>(builder, SourceOptions.Section);
        AddSection<DetectorOptions>(builder, DetectorOptions.Section);
        AddSection<ModelOptions>(builder, ModelOptions.Section);
        AddSection<AggregationOptions>(builder, AggregationOptions.Section);
        AddSection<MqttOptions>(builder, MqttOptions.Section);
        AddSection<TrackingOptions>(builder, TrackingOptions.Section);
        AddSection<VisitsOptions>(builder, VisitsOptions.Section);
        AddSection<PeopleOptions>(builder, PeopleOptions.Section);
        AddSection<GpioOptions>(builder, GpioOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<MqttOptions>, MqttOptionsValidator>();
        AddSection<DashboardOptions>(builder, DashboardOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
    }

    /// <summary>Binds and validates a section (<see cref="ValidatedSettings.AddSection{T}"/>).</summary>
    private static void AddSection<T>(HostApplicationBuilder builder, string section)
        where T : class => ValidatedSettings.AddSection<T>(builder, section);
}
