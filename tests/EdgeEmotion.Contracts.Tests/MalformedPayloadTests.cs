using System.Text;
using System.Text.Json.Nodes;

namespace EdgeEmotion.Contracts.Tests;

/// <summary>A payload that breaks the contract gets one line naming the message kind, the field
/// (by its path) and the rule; fields the reader does not know are ignored.</summary>
public sealed class MalformedPayloadTests
{
    [Theory]
    [InlineData("emotions.json", "seq", null, "emotions payload, field \"seq\": missing")]
    [InlineData("emotions.json", "seq", "\"12\"", "emotions payload, field \"seq\": expected a whole number, got \"12\"")]
    [InlineData("emotions.json", "seq", "1.5", "emotions payload, field \"seq\": expected a whole number, got 1.5")]
    [InlineData("emotions.json", "window_end", "\"2026-11-25 10:00:10\"", "emotions payload, field \"window_end\": expected a UTC time (RFC 3339 with Z), got \"2026-11-25 10:00:10\"")]
    [InlineData("emotions.json", "window_end", "\"2026-11-25T10:00:10+01:00\"", "emotions payload, field \"window_end\": expected a UTC time (RFC 3339 with Z), got \"2026-11-25T10:00:10+01:00\"")]
    [InlineData("emotions.json", "counts", "[1,0,0,20,3,2,11]", "emotions payload, field \"counts\": expected an object, got [1,0,0,20,3,2,11]")]
    [InlineData("emotions.json", "schema", "2", "emotions payload, field \"schema\": 2 is not supported (this reader knows schema 1)")]
    [InlineData("emotions.json", "model", null, "emotions payload, field \"model\": missing")]
    [InlineData("emotions.json", "device", "null", "emotions payload, field \"device\": null, where the contract requires a value")]
    [InlineData("emotions.json", "frames", "null", "emotions payload, field \"frames\": null, where the contract requires a value")]
    [InlineData("stats.json", "fps", "1e400", "stats payload, field \"fps\": expected a finite number, got 1e400")]
    [InlineData("visits.json", "emotion", "\"joy\"", "visits payload, field \"emotion\": 'joy' is not one of angry, disgust, fear, happy, sad, surprise, neutral")]
    [InlineData("visits.json", "looked", "\"yes\"", "visits payload, field \"looked\": expected true or false, got \"yes\"")]
    [InlineData("stats.json", "version", "14", "stats payload, field \"version\": expected a string, got 14")]
    [InlineData("stats.json", "seq_skipped", "{\"from\":9,\"to\":3}", "stats payload, field \"seq_skipped.to\": 3 is before from (9)")]
    [InlineData("stats.json", "seq_skipped", "{\"from\":9}", "stats payload, field \"seq_skipped.to\": missing")]
    [InlineData("faces.json", "width", "1e12", "faces payload, field \"width\": expected a whole number, got 1e12")]
    public void A_bad_field_is_named_in_one_line(string golden, string field, string? json, string line)
    {
        var payload = JsonNode.Parse(GoldenPayloads.Read(golden))!.AsObject();
        payload.Remove(field);
        if (json is not null)
        {
            payload[field] = JsonNode.Parse(json);
        }
        var error = Assert.Throws<PayloadException>(() => GoldenKind.Read(golden, Encoding.UTF8.GetBytes(payload.ToJsonString())));
        Assert.Equal(line, error.Message);
    }

    [Fact]
    public void A_bad_field_inside_an_object_or_array_is_named_by_its_path()
    {
        var window = JsonNode.Parse(GoldenPayloads.Read("emotions.json"))!;
        window["visitors"]!["emotions"]!.AsObject().Remove("happy");
        Assert.Equal("emotions payload, field \"visitors.emotions.happy\": missing",
            Assert.Throws<PayloadException>(() => EmotionsMessage.Read(Encoding.UTF8.GetBytes(window.ToJsonString()))).Message);

        var faces = JsonNode.Parse(GoldenPayloads.Read("faces.json"))!;
        faces["faces"]![1]!["box"] = JsonNode.Parse("[1,2,3]");
        Assert.Equal("faces payload, field \"faces[1].box\": expected [x, y, width, height], got 3 numbers",
            Assert.Throws<PayloadException>(() => FacesMessage.Read(Encoding.UTF8.GetBytes(faces.ToJsonString()))).Message);
    }

    [Theory]
    [InlineData("", "visits payload: not JSON (")]
    [InlineData("{\"schema\":1,", "visits payload: not JSON (")]
    [InlineData("[1,2]", "visits payload: expected a JSON object, got [1,2]")]
    public void A_payload_that_is_not_a_JSON_object_says_so(string text, string start)
    {
        var error = Assert.Throws<PayloadException>(() => VisitMessage.Read(Encoding.UTF8.GetBytes(text)));
        Assert.StartsWith(start, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        var stats = JsonNode.Parse(GoldenPayloads.Read("stats.json"))!.AsObject();
        stats["a_field_from_a_later_version"] = JsonNode.Parse("{\"nested\":[1,2,3]}");
        Assert.Equal("kiosk-07", StatsMessage.Read(Encoding.UTF8.GetBytes(stats.ToJsonString())).Device);
    }

    [Fact]
    public void A_status_other_than_online_or_offline_is_refused()
    {
        Assert.Equal(DeviceStatus.Offline, StatusPayload.Read(" offline\n"u8));
        Assert.Equal("status payload: expected 'online' or 'offline', got 'maybe'", Assert.Throws<PayloadException>(() => StatusPayload.Read("maybe"u8)).Message);
    }
}
