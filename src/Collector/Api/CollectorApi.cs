using Microsoft.OpenApi;

namespace EdgeEmotion.Collector.Api;

/// <summary>The versioned HTTP API (<c>/api/v1/…</c>), its OpenAPI description
/// (<see cref="OpenApiPath"/>) and the Prometheus counters (<c>/metrics</c>). Needs a <see cref="CollectorStore"/>, a
/// <see cref="Reports.BucketCalendar"/>, a <see cref="TimeProvider"/> and the program's
/// <see cref="Metrics.FleetMetrics"/> (counting its store's commits) among the services.</summary>
public static class CollectorApi
{
    public const string Prefix = "/api/v1";
    public const string OpenApiPath = Prefix + "/openapi.json";

    public static IServiceCollection AddCollectorApi(this IServiceCollection services)
    {
        services.AddSingleton(s => s.GetRequiredService<CollectorStore>().Reader);
        services.AddCors();
        services.AddOpenApi(options => options.AddOperationTransformer((operation, context, _) =>
        {
            foreach (var doc in context.Description.ActionDescriptor.EndpointMetadata.OfType<QueryDoc>())
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = doc.Name,
                    In = ParameterLocation.Query,
                    Required = doc.Required,
                    Description = doc.Description,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <param name="access">The page and who may read; <see cref="WebAccess.ApiOnly"/> when not given.</param>
    public static WebApplication MapCollectorApi(this WebApplication app, WebAccess? access = null)
    {
        access ??= WebAccess.ApiOnly;
        var guard = new WebGuard(access);
        app.Use(guard.InvokeAsync);
        if (access.AllowedOrigins.Count > 0)
        {
            // ASP.NET Core's CORS answers the preflight and adds the headers; the guard has already
            // refused every origin not listed.
            app.UseWhen(c => guard.IsAllowedCrossOrigin(c.Request), cors => cors.UseCors(policy => policy
                .WithOrigins([.. access.AllowedOrigins]).WithMethods(HttpMethods.Get, HttpMethods.Head).WithExposedHeaders("Link")));
        }
        app.Use(BadParametersAre400);
        var api = app.MapGroup(Prefix);
        Get(api, "/devices", DevicesEndpoint.Handle, DevicesEndpoint.Parameters, "Devices: site, first and last message, last status, gap count");
        Get(api, "/summary", SummaryEndpoint.Handle, SummaryEndpoint.Parameters, "Visits, watchers, dwell, attention, emotions and coverage per bucket and in total");
        Get(api, "/compare", CompareEndpoint.Handle, CompareEndpoint.Parameters, "Two periods side by side and each measure's difference with its 95 % interval: within noise or not");
        Get(api, "/visits", RawEndpoints.Visits, RawEndpoints.Parameters, "Raw visits, paged");
        Get(api, "/windows", RawEndpoints.Windows, RawEndpoints.Parameters, "Raw windows, paged");
        Get(api, "/gaps", GapsEndpoint.Handle, GapsEndpoint.Parameters, "Missing seq ranges per device and stream");
        Get(api, "/health", HealthEndpoint.Handle, HealthEndpoint.Parameters, "Service, time zone, the minute of the UTC hour the rollups' hours start at, ingest lag, messages stored, duplicates, gaps, database size");
        app.MapGet(MetricsEndpoint.Path, MetricsEndpoint.Handle).ExcludeFromDescription();
        app.MapOpenApi(OpenApiPath);
        PageFiles.Serve(app, access.PageFolder);
        return app;
    }

    private static void Get(RouteGroupBuilder api, string path, Delegate handler, QueryDoc[] parameters, string summary) =>
        api.MapGet(path, handler).WithMetadata([.. parameters]).WithSummary(summary);

    /// <summary>One line naming the parameter, as text: what a person or a script needs to fix the call.</summary>
    private static async Task BadParametersAre400(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (BadParameterException bad) when (!context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(bad.Message + "\n");
        }
    }
}
