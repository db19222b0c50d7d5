using EdgeEmotion.Collector.Metrics;

namespace EdgeEmotion.Collector.Api;

/// <summary><c>GET /metrics</c>: <see cref="FleetMetrics"/> in Prometheus's text format, where
/// Prometheus looks by default; behind the same host check as the API.</summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static async Task Handle(HttpContext context, FleetMetrics metrics)
    {
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await metrics.WriteAsync(context.Response.Body, context.RequestAborted);
    }
}
