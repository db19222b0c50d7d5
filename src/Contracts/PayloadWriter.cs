using System.Globalization;

namespace EdgeEmotion.Contracts;

/// <summary>
/// The contract's wire form, for every message's writer: one JSON object, UTF-8, no white space,
/// System.Text.Json's default escaping (non-ASCII as <c>\uXXXX</c>), numbers as the writer formats
/// them (shortest round-trip form; a whole double without a fraction), times as UTC RFC 3339 with
/// milliseconds and <c>Z</c>, emotions as objects with the seven keys in label order. Written on
/// <see cref="Utf8JsonWriter"/> rather than the serializer because field order, the two kinds of
/// absent field (omitted, or sent as <c>null</c>) and the emotion objects made from lists are the
/// contract's, not a naming policy's.
/// </summary>
internal static class PayloadWriter
{
    /// <summary>A JSON object whose fields <paramref name="fields"/> writes, as the bytes a device sends.</summary>
    public static byte[] Write(Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            fields(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The fields every message starts with: the schema and who sent it.</summary>
    public static void WriteHeader(this Utf8JsonWriter writer, string device)
    {
        writer.WriteNumber("schema", ContractSchema.Version);
        writer.WriteString("device", device);
    }

    /// <summary>UTC, RFC 3339, always with milliseconds (a partial window can be shorter than a second).</summary>
    public static void WriteTime(this Utf8JsonWriter writer, string name, DateTimeOffset time) =>
        writer.WriteString(name, time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    /// <summary>An object with the seven emotion keys in label order.</summary>
    public static void WriteEmotions(this Utf8JsonWriter writer, string name, IReadOnlyList<long> values) =>
        writer.WriteEmotionObject(name, values.Count, (label, c) => writer.WriteNumber(label, values[c]));

    /// <summary>An object with the seven emotion keys in label order; <c>null</c> for null.</summary>
    public static void WriteEmotions(this Utf8JsonWriter writer, string name, IReadOnlyList<double>? values)
    {
        if (values is null)
        {
            writer.WriteNull(name);
            return;
        }
        writer.WriteEmotionObject(name, values.Count, (label, c) => writer.WriteNumber(label, values[c]));
    }

    /// <summary>A box in frame pixels: <c>[x, y, width, height]</c>.</summary>
    public static void WriteBox(this Utf8JsonWriter writer, IReadOnlyList<long> box)
    {
        if (box.Count != 4)
        {
            throw new ArgumentException($"field \"box\": expected [x, y, width, height], got {box.Count} numbers", nameof(box));
        }
        writer.WriteStartArray("box");
        foreach (var number in box)
        {
            writer.WriteNumberValue(number);
        }
        writer.WriteEndArray();
    }

    /// <summary>A field the contract sends as <c>null</c> when there is no value.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    // Fields added to the contract later: a record read from a device that does not send one holds
    // null, and written again the field is left out, as that device left it out.

    public static void WriteNumberIfSet(this Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    public static void WriteNumberIfSet(this Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    public static void WriteBooleanIfSet(this Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is { } flag)
        {
            writer.WriteBoolean(name, flag);
        }
    }

    public static void WriteStringIfSet(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    public static void WriteTimeIfSet(this Utf8JsonWriter writer, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            writer.WriteTime(name, value);
        }
    }

    /// <summary>The emotion object, each value written by <paramref name="writeValue"/> (label, index).
    /// A list not in label order is a bug in whoever built the record: it is refused here, before
    /// a consumer has to.</summary>
    private static void WriteEmotionObject(this Utf8JsonWriter writer, string name, int count, Action<string, int> writeValue)
    {
        if (count != EmotionLabels.Count)
        {
            throw new ArgumentException($"field \"{name}\": expected {EmotionLabels.Count} values in label order, got {count}", nameof(count));
        }
        writer.WriteStartObject(name);
        for (var c = 0; c < EmotionLabels.Count; c++)
        {
            writeValue(EmotionLabels.Names[c], c);
        }
        writer.WriteEndObject();
    }
}
