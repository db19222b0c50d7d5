using System.Net;
using EdgeEmotion.Collector.Api;
using EdgeEmotion.Collector.Tests.Ingest;

namespace EdgeEmotion.Collector.Tests.Api;

/// <summary>The page at <c>/</c> beside the API with the daemon dashboard's rules: its security
/// headers, a Host it is bound to, other origins refused unless <c>Http:AllowedOrigins</c> lists
/// them (then CORS for <c>GET /api/v1/…</c> only); <c>/health</c> says a collector answers.</summary>
public sealed class WebServingTests(PostgresCluster cluster, PersistentMosquitto broker) : IAsyncLifetime
{
    private const string Allowed = "http://192.0.2.7:8080";
    private static readonly string PageFolder = Path.Combine(RepoPaths.Root, "dashboard", "public");
    private readonly TestStores _stores = new(cluster);
    private ApiServer? _server;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _server = await ApiServer.StartAsync(await _stores.OpenAsync("sqlite"), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), new FakeTimeProvider(Messages.Origin),
            new WebAccess(PageFolder, [WebAccess.Origin(Allowed + "/")], ["collector.example"]));

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/app.js", "text/javascript")]
    [InlineData("/api/v1/health", "application/json")]
    public async Task The_page_and_the_api_carry_the_dashboards_security_headers(string path, string type)
    {
        using var response = await _server!.Client.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(WebGuard.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task The_page_is_the_built_dashboard_and_not_cached()
    {
        using var response = await _server!.Client.GetAsync("/", Cancel);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(PageFolder, "index.html"), Cancel), await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("attacker.example", HttpStatusCode.BadRequest)]
    [InlineData("192.0.2.1", HttpStatusCode.BadRequest)]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData("collector.example", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    public async Task Only_a_host_it_is_bound_to_or_named_by_is_answered(string host, HttpStatusCode status)
    {
        foreach (var path in new[] { "/", "/api/v1/health" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = $"{host}:{_server!.Address.Port}";
            using var response = await _server.Client.SendAsync(request, Cancel);
            Assert.Equal(status, response.StatusCode);
        }
    }

    [Fact]
    public async Task An_allowed_origin_may_read_the_api_through_cors_and_nothing_else()
    {
        using var read = await SendAsync(HttpMethod.Get, "/api/v1/devices", Allowed);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(Allowed, Header(read, "Access-Control-Allow-Origin"));

        using var preflight = await SendAsync(HttpMethod.Options, "/api/v1/summary", Allowed, ("Access-Control-Request-Method", "GET"));
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(Allowed, Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Contains("GET", Header(preflight, "Access-Control-Allow-Methods"), StringComparison.Ordinal);

        // A bad parameter's line is readable too: the page shows it.
        using var bad = await SendAsync(HttpMethod.Get, "/api/v1/summary?from=x", Allowed);
        Assert.Equal((HttpStatusCode.BadRequest, Allowed), (bad.StatusCode, Header(bad, "Access-Control-Allow-Origin")));

        using var page = await SendAsync(HttpMethod.Get, "/", Allowed);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        using var other = await SendAsync(HttpMethod.Get, "/api/v1/devices", "http://192.0.2.8:8080");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Without_allowed_origins_another_origin_is_refused_and_the_same_origin_let_in()
    {
        await using var plain = await ApiServer.StartAsync(await _stores.OpenAsync("sqlite"), TimeZoneInfo.Utc, new FakeTimeProvider(Messages.Origin));
        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/api/v1/devices");
        foreign.Headers.Add("Origin", Allowed);
        using var refused = await plain.Client.SendAsync(foreign, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var own = new HttpRequestMessage(HttpMethod.Get, "/api/v1/devices");
        own.Headers.Add("Origin", plain.Address.GetLeftPart(UriPartial.Authority));
        using var allowed = await plain.Client.SendAsync(own, Cancel);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.False(allowed.Headers.Contains("Access-Control-Allow-Origin"));
        using var page = await plain.Client.GetAsync("/", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode); // no page folder given: the API alone
    }

    [Fact]
    public async Task Health_says_a_collector_answers_and_in_which_time_zone()
    {
        using var health = JsonDocument.Parse(await _server!.Client.GetStringAsync("/api/v1/health", Cancel));
        Assert.Equal(HealthEndpoint.Service, health.RootElement.GetProperty("service").GetString());
        Assert.Equal(HealthEndpoint.ApiVersion, health.RootElement.GetProperty("api_version").GetInt32());
        Assert.Equal("Europe/Berlin", health.RootElement.GetProperty("time_zone").GetString());
    }

    [Fact]
    public async Task The_collector_program_serves_the_page_from_beside_it_on_its_urls()
    {
        using var state = new TempDirectory();
        var port = LoopbackPort.Free();
        using var collector = await CollectorProcess.StartAsync(broker.Port, "page", "page-collector", "page", [$"--StateDirectory={state.Path}"], $"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var page = await client.GetAsync("/", Cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(PageFolder, "index.html"), Cancel), await page.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(WebGuard.ContentSecurityPolicy, Header(page, "Content-Security-Policy"));
        Assert.Contains("the history page at /", collector.Output, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        await _stores.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string origin, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Origin", origin);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }
        return await _server!.Client.SendAsync(request, Cancel);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : "";
}
