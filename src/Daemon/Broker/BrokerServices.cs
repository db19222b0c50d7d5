namespace EdgeEmotion.Daemon.Broker;

internal static class BrokerServices
{
    /// <summary>The embedded broker (it starts only when <c>Mqtt:Host</c> is empty) and the packet
    /// limit every client but the daemon is held to.</summary>
    public static IServiceCollection AddEmbeddedBroker(this IServiceCollection services)
    {
        services.AddSingleton<ClientPacketLimit>();
        services.AddSingleton<EmbeddedBroker>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        return services;
    }
}
