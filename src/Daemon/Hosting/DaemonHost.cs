using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Core.Preprocessing;
using EdgeEmotion.Daemon.Aggregation;
using EdgeEmotion.Daemon.Classification;
using EdgeEmotion.Daemon.Dashboard;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Gpio;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.Publishing;
using EdgeEmotion.Daemon.Sources;
using EdgeEmotion.Daemon.Visits;
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
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = false,
        });
        // Order: appsettings.json < /etc/edgeemotion/*.json < EDGEEMOTION__ environment < command line.
        var userSettings = new UserSettings(args, etcDirectory);
        userSettings.AddTo(builder.Configuration);
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
        JournalStream.ConfigureLogFormat(builder.Services);
        // AddSystemd registers the notifier only under systemd; the watchdog needs one always.
        builder.Services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>();
        var services = builder.Services;
        services.AddOptions<DaemonOptions>().Bind(builder.Configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DaemonOptions>>(sp => new SettingsValidator<DaemonOptions>("", sp.GetRequiredService<IConfiguration>()));
        SettingsSchema.Of(builder).AddTopLevel<DaemonOptions>();
        AddSection<SourceOptions>(builder, SourceOptions.Section);
        AddSection<DetectorOptions>(builder, DetectorOptions.Section);
        AddSection<ModelOptions>(builder, ModelOptions.Section);
        AddSection<AggregationOptions>(builder, AggregationOptions.Section);
        AddSection<MqttOptions>(builder, MqttOptions.Section);
        AddSection<TrackingOptions>(builder, TrackingOptions.Section);
        AddSection<VisitsOptions>(builder, VisitsOptions.Section);
        AddSection<GpioOptions>(builder, GpioOptions.Section);
        services.AddSingleton<IValidateOptions<MqttOptions>, MqttOptionsValidator>();
        AddSection<DashboardOptions>(builder, DashboardOptions.Section);
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<FrameSourceFactory>();
        services.AddSingleton(sp => CreateDetector(sp.GetRequiredService<IOptions<DetectorOptions>>().Value, sp.GetRequiredService<IOptions<TrackingOptions>>().Value));
        services.AddSingleton(sp => LoadModel(sp.GetRequiredService<IOptions<ModelOptions>>().Value));
        services.AddSingleton(sp => new EmotionClassifier(sp.GetRequiredService<EmotionModel>(), new FacePreprocessor(sp.GetRequiredService<IOptions<ModelOptions>>().Value.Margin)));
        services.AddSingleton(sp => new WindowAggregator(
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<AggregationOptions>>().Value.WindowSeconds), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new VisitorTracking(sp.GetRequiredService<IOptions<TrackingOptions>>().Value, sp.GetRequiredService<IOptions<VisitsOptions>>().Value));
        services.AddSingleton<PipelineStats>();
        services.AddSingleton<LiveFaces>();
        services.AddSingleton(sp => new VisitQueue(
            sp.GetRequiredService<MessageStreams>(), sp.GetRequiredService<IOptions<DaemonOptions>>().Value.ResolvedDeviceId,
            sp.GetRequiredService<EmotionModel>(), sp.GetRequiredService<IOptions<MqttOptions>>().Value.PublishVisits));
        services.AddSingleton(sp => new MessageStreams(
            sp.GetRequiredService<IOptions<DaemonOptions>>().Value.ResolvedStateDirectory,
            sp.GetRequiredService<IOptions<MqttOptions>>().Value.OutboxMaxWindows,
            sp.GetRequiredService<IOptions<MqttOptions>>().Value.OutboxMaxMegabytes * 1024L * 1024L,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        services.AddSingleton(sp => new EmotionPayloadWriter(
            sp.GetRequiredService<IOptions<DaemonOptions>>().Value.ResolvedDeviceId, sp.GetRequiredService<EmotionModel>()));
        services.AddSingleton(sp => new MqttConnectionSettings(sp.GetRequiredService<IOptions<MqttOptions>>().Value, sp.GetRequiredService<ILogger<MqttConnectionSettings>>()));
        // Before the broker: its WebSocket entrance must be there when the broker starts, and the
        // page must still be connected when the broker sends the daemon's 'offline'.
        services.AddSingleton<BrowserWebSockets>();
        services.AddHostedService<DashboardServer>();
        services.AddSingleton<EmbeddedBroker>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        services.AddSingleton<MqttPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<MqttPublisher>());
        services.AddHostedService<WindowService>();
        services.AddSingleton<PipelineService>();
        services.AddHostedService(sp => sp.GetRequiredService<PipelineService>());
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

    private static IFaceDetector CreateDetector(DetectorOptions options, TrackingOptions tracking)
    {
        if (options.Kind == DetectorKind.Haar)
        {
            OpenCvNative.Require("Detector:Kind 'Haar'");
            return new HaarDetector(string.IsNullOrEmpty(options.ModelPath) ? HaarDetector.DefaultCascade : options.ModelPath, options);
        }
        return new YuNetDetector(FrameSourceFactory.Resolve(string.IsNullOrEmpty(options.ModelPath) ? "models/yunet-n-dynamic.onnx" : options.ModelPath), options, tracking.LowScoreThreshold);
    }

    private static EmotionModel LoadModel(ModelOptions options)
    {
        var model = EmotionModel.Load(FrameSourceFactory.Resolve(options.Path), options.Threads);
        if (ModelProbe.Problem(model) is { } problem)
        {
            model.Dispose();
            throw new InvalidDataException($"{options.Path}: {problem}; refusing the model.");
        }
        if (options.Sha256.Length > 0 && !string.Equals(options.Sha256, model.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            model.Dispose();
            throw new InvalidDataException($"{options.Path}: sha256 is {model.Sha256}, Model:Sha256 expects {options.Sha256.ToLowerInvariant()}; refusing the model.");
        }
        return model;
    }
}
