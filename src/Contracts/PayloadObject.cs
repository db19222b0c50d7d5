using System.Globalization;

namespace EdgeEmotion.Contracts;

/// <summary>
/// One JSON object of a payload, read field by field with the contract's rules. Written on
/// System.Text.Json's DOM rather than its serializer so that every failure is one line that names
/// the field by its path (<c>visitors.emotions.happy</c>) and the rule, and so that emotion objects
/// become arrays in label order. Unknown fields are ignored (the contract only ever adds fields);
/// an optional field that is absent or <c>null</c> reads as null.
/// </summary>
internal readonly struct PayloadObject
{
    private const int MaxShownCharacters = 40;

    private readonly JsonElement _element;
    private readonly string _kind;
    private readonly string _path;

    private PayloadObject(JsonElement element, string kind, string path)
    {
        _element = element;
        _kind = kind;
        _path = path;
    }

    /// <summary>Parses <paramref name="payload"/> and hands its top-level object to <paramref name="read"/>.</summary>
    public static T Read<T>(ReadOnlySequence<byte> payload, MessageKind kind, Func<PayloadObject, T> read)
    {
        var name = MqttTopics.Name(kind);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException ex)
        {
            throw new PayloadException($"{name} payload: not JSON ({ex.Message})", ex);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new PayloadException($"{name} payload: expected a JSON object, got {Shown(document.RootElement)}");
            }
            var root = new PayloadObject(document.RootElement, name, "");
            var schema = root.Long("schema");
            if (schema != ContractSchema.Version)
            {
                throw root.Error("schema", $"{schema} is not supported (this reader knows schema {ContractSchema.Version})");
            }
            return read(root);
        }
    }

    public long Long(string name) => OptionalLong(name) ?? throw Missing(name);

    public long? OptionalLong(string name) =>
        Optional(name) is not { } value ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number
        : throw Expected(name, "a whole number", value);

    public int Int(string name)
    {
        var value = Long(name);
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Error(name, $"{value} is out of range");
    }

    public double Double(string name) => OptionalDouble(name) ?? throw Missing(name);

    public double? OptionalDouble(string name) =>
        Optional(name) is not { } value ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) ? number
        : throw Expected(name, "a finite number", value);

    public string String(string name) => OptionalString(name) ?? throw Missing(name);

    public string? OptionalString(string name) =>
        Optional(name) is not { } value ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw Expected(name, "a string", value);

    public bool? OptionalBool(string name) =>
        Optional(name) is not { } value ? null
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : throw Expected(name, "true or false", value);

    /// <summary>A UTC time, RFC 3339 with <c>Z</c> (fractional seconds allowed).</summary>
    public DateTimeOffset Time(string name) => OptionalTime(name) ?? throw Missing(name);

    public DateTimeOffset? OptionalTime(string name)
    {
        if (OptionalString(name) is not { } text)
        {
            return null;
        }
        return DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw Error(name, $"expected a UTC time (RFC 3339 with Z), got \"{Cut(text)}\"");
    }

    public PayloadObject Object(string name) => OptionalObject(name) ?? throw Missing(name);

    public PayloadObject? OptionalObject(string name) =>
        Optional(name) is not { } value ? null
        : value.ValueKind == JsonValueKind.Object ? new PayloadObject(value, _kind, Path(name) + ".")
        : throw Expected(name, "an object", value);

    /// <summary>The objects of array <paramref name="name"/>, each read by <paramref name="read"/>.</summary>
    /// <summary>An array of objects added to the contract later: null when absent or <c>null</c>.</summary>
    public IReadOnlyList<T>? OptionalObjects<T>(string name, Func<PayloadObject, T> read) =>
        Optional(name) is null ? null : Objects(name, read);

    public IReadOnlyList<T> Objects<T>(string name, Func<PayloadObject, T> read)
    {
        var items = Items(name);
        var result = new List<T>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = $"{name}[{i}]";
            result.Add(items[i].ValueKind == JsonValueKind.Object
                ? read(new PayloadObject(items[i], _kind, Path(item) + "."))
                : throw Expected(item, "an object", items[i]));
        }
        return result;
    }

    /// <summary>The whole numbers of array <paramref name="name"/>.</summary>
    public IReadOnlyList<long> Longs(string name)
    {
        var items = Items(name);
        var result = new long[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            result[i] = items[i].ValueKind == JsonValueKind.Number && items[i].TryGetInt64(out var number)
                ? number
                : throw Expected($"{name}[{i}]", "a whole number", items[i]);
        }
        return result;
    }

    /// <summary>The seven emotion keys of object <paramref name="name"/> as whole numbers, in label order.</summary>
    public IReadOnlyList<long> EmotionCounts(string name)
    {
        var emotions = Object(name);
        return [.. EmotionLabels.Names.Select(emotions.Long)];
    }

    /// <summary>The seven emotion keys of object <paramref name="name"/> as numbers, in label order.</summary>
    public IReadOnlyList<double> EmotionValues(string name)
    {
        var emotions = Object(name);
        return [.. EmotionLabels.Names.Select(emotions.Double)];
    }

    /// <summary>Like <see cref="EmotionValues"/>, or null when the field is absent or null.</summary>
    public IReadOnlyList<double>? OptionalEmotionValues(string name) =>
        OptionalObject(name) is { } emotions ? [.. EmotionLabels.Names.Select(emotions.Double)] : null;

    public PayloadException Error(string name, string rule) => new($"{_kind} payload, field \"{Path(name)}\": {rule}");

    private PayloadException Expected(string name, string what, JsonElement value) => Error(name, $"expected {what}, got {Shown(value)}");

    private PayloadException Missing(string name) =>
        Error(name, _element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Null ? "null, where the contract requires a value" : "missing");

    private List<JsonElement> Items(string name) =>
        Optional(name) is not { } value ? throw Missing(name)
        : value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()]
        : throw Expected(name, "an array", value);

    private JsonElement? Optional(string name) =>
        _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private string Path(string name) => _path + name;

    /// <summary>The value as it was written, cut short: a field may hold anything.</summary>
    private static string Shown(JsonElement value) => Cut(value.GetRawText());

    private static string Cut(string text) => text.Length <= MaxShownCharacters ? text : text[..MaxShownCharacters] + "…";
}
