using EdgeEmotion.Daemon.Broker;

namespace EdgeEmotion.Daemon.Dashboard;

internal static class DashboardServices
{
    /// <summary>The dashboard's server and its WebSocket entrance to the embedded broker. Before the
    /// broker: the entrance must be there when the broker starts, and the page must still be
    /// connected when the broker sends the daemon's <c>offline</c>.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<BrowserWebSockets>();
        services.AddHostedService<DashboardServer>();
        return services;
    }
}
