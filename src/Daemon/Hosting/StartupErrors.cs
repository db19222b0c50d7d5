using EdgeEmotion.Daemon.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeEmotion.Daemon.Hosting;

/// <summary>Turns start-up failures into one line per problem that names the setting or file.</summary>
public static class StartupErrors
{
    private static readonly Dictionary<Type, string> Sections = new()
    {
        [typeof(DaemonOptions)] = "",
        [typeof(SourceOptions)] = SourceOptions.Section + ":",
        [typeof(DetectorOptions)] = DetectorOptions.Section + ":",
        [typeof(ModelOptions)] = ModelOptions.Section + ":",
        [typeof(AggregationOptions)] = AggregationOptions.Section + ":",
        [typeof(MqttOptions)] = MqttOptions.Section + ":",
        [typeof(TrackingOptions)] = TrackingOptions.Section + ":",
        [typeof(VisitsOptions)] = VisitsOptions.Section + ":",
    };

    /// <summary>Reads every options type so that all validation failures surface together.</summary>
    public static void Validate(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        var failures = new List<string>();
        foreach (var (type, _) in Sections)
        {
            try
            {
                var accessor = services.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
                _ = accessor.GetType().GetProperty("Value")!.GetValue(accessor);
            }
            catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is OptionsValidationException v)
            {
                failures.AddRange(Lines(v, configuration));
            }
            catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is InvalidOperationException i)
            {
                failures.Add($"configuration section {Sections[type].TrimEnd(':')}: {i.Message}");
            }
        }
        if (failures.Count > 0)
        {
            throw new ConfigurationErrors(failures);
        }
    }

    public static IReadOnlyList<string>? Describe(Exception ex) => ex switch
    {
        ConfigurationErrors c => c.Lines,
        OptionsValidationException v => [.. Lines(v, null)],
        AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerExceptions[0]),
        FormatException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or IOException or InvalidOperationException => [ex.Message],
        _ => ex.InnerException is { } inner ? Describe(inner) : null,
    };

    private static IEnumerable<string> Lines(OptionsValidationException v, Microsoft.Extensions.Configuration.IConfiguration? configuration)
    {
        var prefix = Sections.GetValueOrDefault(v.OptionsType, "");
        foreach (var failure in v.Failures)
        {
            // "DataAnnotation validation failed for 'X' members: 'Key' with the error: '…'."
            var member = Between(failure, "members: '", "'");
            var message = Between(failure, "with the error: '", "'.") ?? failure;
            if (member is null)
            {
                yield return message;
                continue;
            }
            var key = prefix + member;
            var value = configuration?[key];
            yield return value is null ? $"{key}: {message}" : $"{key}: '{value}' is invalid: {message}";
        }
    }

    private static string? Between(string text, string start, string end)
    {
        var a = text.IndexOf(start, StringComparison.Ordinal);
        if (a < 0)
        {
            return null;
        }
        a += start.Length;
        var b = text.IndexOf(end, a, StringComparison.Ordinal);
        return b < 0 ? text[a..] : text[a..b];
    }

    private sealed class ConfigurationErrors(IReadOnlyList<string> lines) : Exception(string.Join("; ", lines))
    {
        public IReadOnlyList<string> Lines { get; } = lines;
    }
}
