namespace EdgeEmotion.Collector.Tests.EndToEnd;

/// <summary>A collector process's API as the end-to-end tests read it: whether it answers yet, and
/// a JSON answer that must succeed.</summary>
internal static class RunningApi
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>False while nothing listens yet (the API starts beside the broker connection).</summary>
    public static bool Answers(HttpClient http, string path)
    {
        try
        {
            return http.GetAsync(path, Cancel).GetAwaiter().GetResult().IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public static JsonElement Get(HttpClient http, string path)
    {
        using var response = http.GetAsync(path, Cancel).GetAwaiter().GetResult();
        var body = response.Content.ReadAsStringAsync(Cancel).GetAwaiter().GetResult();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
