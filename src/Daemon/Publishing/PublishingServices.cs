using EdgeEmotion.Daemon.Broker;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.Publishing.Durable;
using EdgeEmotion.Daemon.Publishing.HomeAssistant;
using EdgeEmotion.Daemon.Publishing.Payloads;
using EdgeEmotion.Daemon.Publishing.Session;
using EdgeEmotion.Daemon.Publishing.Stats;
using MQTTnet;

namespace EdgeEmotion.Daemon.Publishing;

internal static class PublishingServices
{
    /// <summary>The state directory's message streams, the contract's payloads, the embedded broker
    /// and the publisher with its parts. Registers two hosted services, the broker before the
    /// publisher: the broker must be up when the publisher connects and still up when it says
    /// <c>offline</c> (services stop in reverse order).</summary>
    public static IServiceCollection AddPublishing(this IServiceCollection services)
    {
        services.AddSingleton(sp => new MessageStreams(
            sp.Options<DaemonOptions>().ResolvedStateDirectory,
            sp.Options<MqttOptions>().OutboxMaxWindows,
            sp.Options<MqttOptions>().OutboxMaxMegabytes * 1024L * 1024L,
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<VisitOutboxWriter>();
        services.AddSingleton<EmotionPayloadWriter>();
        services.AddSingleton<LiveFaces>();
        services.AddSingleton(sp => new MqttTopics(sp.Options<MqttOptions>().TopicPrefix, sp.Options<DaemonOptions>().ResolvedDeviceId));
        services.AddSingleton(sp => new MqttConnectionSettings(sp.Options<MqttOptions>(), sp.GetRequiredService<ILogger<MqttConnectionSettings>>()));
        services.AddEmbeddedBroker();

        services.AddSingleton<MqttClientFactory>();
        services.AddSingleton(sp => new MqttSession(TimeSpan.FromSeconds(sp.Options<MqttOptions>().TimeoutSeconds), sp.GetRequiredService<MqttClientFactory>()));
        // The publisher's category, so that one log level setting covers everything it says.
        services.AddSingleton(sp => new PublishLog(sp.Options<MqttOptions>().LogMessages, sp.GetRequiredService<ILogger<MqttPublisher>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new StopReport(sp.GetRequiredService<MessageStreams>(), sp.GetRequiredService<ILogger<MqttPublisher>>()));
        services.AddSingleton<MessageSender>();
        services.AddSingleton<BrokerEndpoint>();
        services.AddSingleton<SessionLossCheck>();
        services.AddSingleton<OutboxDrain>();
        services.AddSingleton<StatsPublisher>();
        services.AddSingleton<HomeAssistantAnnouncer>();
        services.AddSingleton<MqttPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<MqttPublisher>());
        return services;
    }

    private static T Options<T>(this IServiceProvider services)
        where T : class => services.GetRequiredService<IOptions<T>>().Value;
}
