using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace EdgeEmotion.Hosting;

/// <summary>
/// Which keys exist: the top-level options' properties and one options class per section. Finds
/// keys that exist nowhere (a typo would otherwise leave the daemon silently on a default) and
/// values the binder could not convert, and names each with the nearest known key.
/// </summary>
internal sealed class SettingsSchema
{
    /// <summary>Keys of the host itself (logging, host settings on the command line).</summary>
    private static readonly string[] HostKeys = ["Logging", "environment", "contentRoot", "applicationName", "urls", "hostBuilder"];

    private readonly Dictionary<string, Type> _sections = new(StringComparer.OrdinalIgnoreCase);
    private Type? _topLevel;

    /// <summary>The schema being built for <paramref name="builder"/> (one per builder).</summary>
    public static SettingsSchema Of(IHostApplicationBuilder builder)
    {
        if (builder.Properties.TryGetValue(typeof(SettingsSchema), out var existing))
        {
            return (SettingsSchema)existing;
        }
        var schema = new SettingsSchema();
        builder.Properties[typeof(SettingsSchema)] = schema;
        return schema;
    }

    /// <summary>The options types with the prefix of their keys ("" for the top level).</summary>
    public IEnumerable<(Type Type, string Prefix)> OptionTypes =>
        (_topLevel is null ? Enumerable.Empty<(Type, string)>() : [(_topLevel, "")]).Concat(_sections.Select(s => (s.Value, s.Key + ":")));

    public void AddTopLevel<T>() => _topLevel = typeof(T);

    public void AddSection<T>(string section) => _sections[section] = typeof(T);

    /// <summary>One line per unknown key in <paramref name="user"/> and per value of a known key
    /// in <paramref name="merged"/> that does not convert to its type.</summary>
    public IReadOnlyList<string> Check(IConfiguration user, IConfiguration merged)
    {
        var lines = new List<string>();
        foreach (var leaf in Leaves(user))
        {
            if (UnknownKey(leaf) is { } line)
            {
                lines.Add(line);
            }
        }
        foreach (var (type, prefix) in OptionTypes)
        {
            foreach (var property in Properties(type))
            {
                var key = prefix + property.Name;
                if (merged.GetSection(key).Value is { } value && Unconvertible(property.PropertyType, value) is { } rule)
                {
                    lines.Add(SettingLine.Invalid(key, value, rule));
                }
            }
        }
        return lines;
    }

    private string? UnknownKey(string key)
    {
        var parts = key.Split(':');
        var top = parts[0];
        if (HostKeys.Contains(top, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }
        if (_sections.TryGetValue(top, out var type))
        {
            var name = _sections.Keys.First(k => k.Equals(top, StringComparison.OrdinalIgnoreCase));
            var names = Properties(type).Select(p => p.Name).ToList();
            if (parts.Length == 1)
            {
                return $"{key}: is a section; give one of its keys, e.g. {name}:{names[0]}";
            }
            var known = names.FirstOrDefault(n => n.Equals(parts[1], StringComparison.OrdinalIgnoreCase));
            if (known is not null)
            {
                return parts.Length == 2 ? null : $"{key}: unknown key; {name}:{known} is a single value";
            }
            var nearest = EditDistance.Nearest(parts[1], names);
            return $"{key}: unknown key in section {name}" + (nearest is null ? $" (its keys: {string.Join(", ", names)})" : $"; did you mean {name}:{nearest}?");
        }
        var topNames = _topLevel is null ? [] : Properties(_topLevel).Select(p => p.Name).ToList();
        if (topNames.FirstOrDefault(n => n.Equals(top, StringComparison.OrdinalIgnoreCase)) is { } scalar)
        {
            return parts.Length == 1 ? null : $"{key}: unknown key; {scalar} is a single value";
        }
        var candidates = topNames.Concat(_sections.Keys).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var near = EditDistance.Nearest(top, candidates);
        return near is null
            ? $"{key}: unknown key (top-level keys: {string.Join(", ", candidates)})"
            : $"{key}: unknown key; did you mean {string.Join(':', [near, .. parts[1..]])}?";
    }

    private static string? Unconvertible(Type type, string value)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return null;
        }
        if (type.IsEnum)
        {
            return Enum.TryParse(type, value, ignoreCase: true, out var parsed) && Enum.IsDefined(type, parsed!)
                ? null
                : $"must be one of {string.Join(", ", Enum.GetNames(type))}";
        }
        try
        {
            _ = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return null;
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException or OverflowException || ex.InnerException is FormatException or OverflowException)
        {
            return type == typeof(bool) ? "must be true or false"
                : type == typeof(double) || type == typeof(float) ? "must be a number (a '.' for decimals)"
                : "must be a whole number in range";
        }
    }

    private static IEnumerable<PropertyInfo> Properties(Type type) => SettingKeys.Of(type);

    /// <summary>Paths of values (not of sections) in the configuration.</summary>
    private static IEnumerable<string> Leaves(IConfiguration configuration) =>
        configuration.AsEnumerable().Where(pair => pair.Value is not null).Select(pair => pair.Key);
}
