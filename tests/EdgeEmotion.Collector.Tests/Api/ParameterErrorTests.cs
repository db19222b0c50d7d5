using System.Net;

namespace EdgeEmotion.Collector.Tests.Api;

/// <summary>Every parameter error of every endpoint: 400 and one line that starts with the
/// parameter's name; and the same endpoints answering 200 when the parameters are right.</summary>
public sealed class ParameterErrorTests(PostgresCluster cluster) : IAsyncLifetime
{
    private const string Period = "from=2026-11-25T00:00:00Z&to=2026-11-26T00:00:00%2B01:00";
    private const string Compared = "a_from=2026-11-24T00:00:00Z&a_to=2026-11-25T00:00:00Z&b_from=2026-11-17T00:00:00Z&b_to=2026-11-18T00:00:00Z";
    private readonly TestStores _stores = new(cluster);
    private ApiServer? _server;

    public static TheoryData<string, string> Errors => new()
    {
        { "/api/v1/summary?to=2026-11-26T00:00:00Z", "from" },
        { "/api/v1/summary?from=yesterday&to=2026-11-26T00:00:00Z", "from" },
        { "/api/v1/summary?from=2026-11-25&to=2026-11-26T00:00:00Z", "from" },
        { "/api/v1/summary?from=2026-11-25T00:00:00&to=2026-11-26T00:00:00Z", "from" },
        { "/api/v1/summary?from=2026-11-25T25:00:00Z&to=2026-11-26T00:00:00Z", "from" },
        { "/api/v1/summary?from=2026-11-25T00:00:00Z", "to" },
        { "/api/v1/summary?from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z", "to" },
        { "/api/v1/summary?from=2026-11-25T00:10:00Z&to=2026-11-25T00:50:00Z", "to" },
        { $"/api/v1/summary?{Period}&bucket=month", "bucket" },
        { "/api/v1/summary?from=2000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&bucket=hour", "bucket" },
        { $"/api/v1/summary?{Period}&device=", "device" },
        { $"/api/v1/summary?{Period}&site=%20", "site" },
        { $"/api/v1/summary?{Period}&format=xml", "format" },
        { $"/api/v1/summary?{Period}&devise=k1", "devise" },
        { $"/api/v1/summary?{Period}&tz=Mars/Base", "tz" },
        { $"/api/v1/summary?{Period}&tz=../../etc/localtime", "tz" },
        { $"/api/v1/summary?{Period}&tz=", "tz" },
        { $"/api/v1/summary?{Period}&from=2026-11-25T01:00:00Z", "from" },
        { $"/api/v1/compare?{Compared}".Replace("a_from=2026-11-24T00:00:00Z&", "", StringComparison.Ordinal), "a_from" },
        { $"/api/v1/compare?{Compared}".Replace("&a_to=2026-11-25T00:00:00Z", "", StringComparison.Ordinal), "a_to" },
        { $"/api/v1/compare?{Compared}".Replace("b_from=2026-11-17T00:00:00Z", "b_from=last-week", StringComparison.Ordinal), "b_from" },
        { $"/api/v1/compare?{Compared}".Replace("b_to=2026-11-18T00:00:00Z", "b_to=2026-11-16T00:00:00Z", StringComparison.Ordinal), "b_to" },
        { $"/api/v1/compare?{Compared}".Replace("a_to=2026-11-25T00:00:00Z", "a_to=2026-11-24T00:30:00Z", StringComparison.Ordinal), "a_to" },
        { $"/api/v1/compare?{Compared}&device=", "device" },
        { $"/api/v1/compare?{Compared}&site=", "site" },
        { $"/api/v1/compare?{Compared}&tz=Europe/Atlantis", "tz" },
        { $"/api/v1/compare?{Compared}&format=xlsx", "format" },
        { $"/api/v1/compare?{Compared}&bucket=day", "bucket" },
        { $"/api/v1/compare?{Compared}&a_from=2026-11-23T00:00:00Z", "a_from" },
        { "/api/v1/visits?to=2026-11-26T00:00:00Z", "from" },
        { "/api/v1/visits?from=2026-11-25T00:00:00Z", "to" },
        { $"/api/v1/visits?{Period}&limit=0", "limit" },
        { $"/api/v1/visits?{Period}&limit=ten", "limit" },
        { $"/api/v1/visits?{Period}&limit=10001", "limit" },
        { $"/api/v1/visits?{Period}&after=not-a-cursor", "after" },
        { $"/api/v1/visits?{Period}&device=", "device" },
        { $"/api/v1/visits?{Period}&format=tsv", "format" },
        { $"/api/v1/visits?{Period}&bucket=hour", "bucket" },
        { "/api/v1/windows?from=2026-11-25T00:00:00Z&to=soon", "to" },
        { $"/api/v1/windows?{Period}&limit=-1", "limit" },
        { "/api/v1/gaps?device=", "device" },
        { "/api/v1/gaps?format=xml", "format" },
        { "/api/v1/devices?site=x", "site" },
        { "/api/v1/devices?format=html", "format" },
        { "/api/v1/health?verbose=1", "verbose" },
    };

    public async ValueTask InitializeAsync() =>
        _server = await ApiServer.StartAsync(await _stores.OpenAsync("sqlite"), TimeZoneInfo.Utc, new FakeTimeProvider(Messages.Origin));

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task A_bad_parameter_gets_400_and_one_line_naming_it(string url, string parameter)
    {
        using var response = await _server!.Client.GetAsync(url, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(parameter + ": ", body, StringComparison.Ordinal);
        Assert.Single(body.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("/api/v1/devices")]
    [InlineData("/api/v1/summary?" + Period + "&bucket=hour&device=k1&site=shop-1&tz=America/New_York")]
    [InlineData("/api/v1/compare?" + Compared + "&device=k1&site=shop-1&tz=Europe/Berlin")]
    [InlineData("/api/v1/visits?" + Period + "&device=k1&limit=5")]
    [InlineData("/api/v1/windows?" + Period)]
    [InlineData("/api/v1/gaps?device=k1")]
    [InlineData("/api/v1/health")]
    public async Task Each_endpoint_answers_json_and_csv(string url)
    {
        foreach (var (suffix, type) in new[] { ("", "application/json"), ((url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "format=csv", "text/csv") })
        {
            using var response = await _server!.Client.GetAsync(url + suffix, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_page_of_another_origin_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/devices");
        request.Headers.Add("Origin", "http://elsewhere.example");
        using var response = await _server!.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_description_lists_every_endpoint_and_its_parameters()
    {
        var text = await _server!.Client.GetStringAsync("/api/v1/openapi.json", TestContext.Current.CancellationToken);
        using var document = System.Text.Json.JsonDocument.Parse(text);
        var paths = document.RootElement.GetProperty("paths");
        foreach (var path in new[] { "devices", "summary", "compare", "visits", "windows", "gaps", "health" })
        {
            Assert.True(paths.TryGetProperty("/api/v1/" + path, out _), path);
        }
        var summaryParameters = paths.GetProperty("/api/v1/summary").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Equal(["from", "to", "bucket", "device", "site", "tz", "format"], summaryParameters);
        var compareParameters = paths.GetProperty("/api/v1/compare").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Equal(["a_from", "a_to", "b_from", "b_to", "device", "site", "tz", "format"], compareParameters);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        await _stores.DisposeAsync();
    }
}
