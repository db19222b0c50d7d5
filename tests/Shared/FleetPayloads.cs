using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace EdgeEmotion.Tests;

/// <summary>
/// The frame of a made-up fleet's contract-true payloads (schema 1), shared by the seeders that
/// publish them (the dashboard's <c>SeededFleet</c>, the collector bench's <c>FleetSimulator</c>):
/// <c>schema</c>, <c>device</c>, <c>seq</c>, the kind's own fields, <c>model</c> and <c>site</c>
/// last, as a daemon writes them; seven-key emotion objects; times with milliseconds in UTC.
/// </summary>
public static class FleetPayloads
{
    public static readonly string[] Labels = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"];

    /// <param name="seq">null for a kind without one (stats)</param>
    /// <param name="modelHash">the model's <c>sha256</c>; null for a kind without a model (stats)</param>
    public static byte[] Message(string device, long? seq, string? site, string? modelHash, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(768);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("schema", 1);
            w.WriteString("device", device);
            if (seq is { } s)
            {
                w.WriteNumber("seq", s);
            }
            body(w);
            if (modelHash is not null)
            {
                w.WriteStartObject("model");
                w.WriteString("name", "emotion-int8");
                w.WriteString("sha256", modelHash);
                w.WriteEndObject();
            }
            if (site is not null)
            {
                w.WriteString("site", site);
            }
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>An object of the seven emotions in the contract's order.</summary>
    public static void Emotions(Utf8JsonWriter w, string name, Func<int, double> value)
    {
        w.WriteStartObject(name);
        for (var i = 0; i < Labels.Length; i++)
        {
            w.WriteNumber(Labels[i], value(i));
        }
        w.WriteEndObject();
    }

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);
}
