using System.Text.Json;

namespace EdgeEmotion.Collector.Api;

/// <summary>The API's JSON: snake_case keys like the MQTT contract, times in RFC 3339.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
