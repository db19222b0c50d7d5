using System.Text.Json;

namespace EdgeEmotion.Daemon.Publishing.Durable;

/// <summary>What a queued message must look like before it may be published: a JSON object of this
/// contract's schema whose <c>seq</c> is the one its file is named by, with the stream's required
/// fields. Files in the outbox can be damaged or placed by hand; subscribers trust what arrives.</summary>
internal sealed class OutboxPayloadCheck(params string[] requiredFields)
{
    public static OutboxPayloadCheck Windows { get; } = new("device", "window_start", "window_end", "frames", "faces", "counts", "mean_probabilities");

    public static OutboxPayloadCheck Visits { get; } = new("device", "start", "end", "dwell_s", "emotion", "mean_probabilities");

    /// <summary>Null when the payload is a valid message with this <paramref name="seq"/>, else why not.</summary>
    public string? Problem(ReadOnlySpan<byte> payload, long seq)
    {
        if (payload.IsEmpty)
        {
            return "empty file";
        }
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "not a JSON object";
            }
            if (!root.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.Number || schema.GetInt32() != ContractSchema.Version)
            {
                return $"no \"schema\": {ContractSchema.Version}";
            }
            if (!root.TryGetProperty("seq", out var s) || s.ValueKind != JsonValueKind.Number || !s.TryGetInt64(out var value) || value != seq)
            {
                return $"its \"seq\" is not {seq}, the number in its name";
            }
            foreach (var field in requiredFields)
            {
                if (!root.TryGetProperty(field, out _))
                {
                    return $"no \"{field}\"";
                }
            }
            return null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return "not JSON";
        }
    }
}
