using EdgeEmotion.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeEmotion.Daemon.Hosting;

/// <summary>Turns start-up failures into one line per problem that names the setting or file.</summary>
public static class StartupErrors
{
    /// <summary>Checks keys, then reads every options type so that all failures surface together.</summary>
    public static void Validate(IServiceProvider services)
    {
        var schema = services.GetRequiredService<SettingsSchema>();
        var configuration = services.GetRequiredService<IConfiguration>();
        var failures = new List<string>(schema.Check(services.GetRequiredService<UserSettings>().Build(), configuration));
        if (failures.Count > 0)
        {
            // Binding would fail on the same keys with .NET's text; these lines already name them.
            throw new ConfigurationErrors(failures);
        }
        foreach (var (type, prefix) in schema.OptionTypes)
        {
            try
            {
                var accessor = services.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
                _ = accessor.GetType().GetProperty("Value")!.GetValue(accessor);
            }
            catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is OptionsValidationException v)
            {
                failures.AddRange(v.Failures); // SettingsValidator's lines, one per bad key
            }
            catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is InvalidOperationException i)
            {
                failures.Add(prefix.Length == 0 ? i.Message : $"configuration section {prefix.TrimEnd(':')}: {i.Message}");
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
        OptionsValidationException v => [.. v.Failures],
        AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerExceptions[0]),
        UserInputException or FormatException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or IOException or InvalidOperationException => [ex.Message],
        _ => ex.InnerException is { } inner ? Describe(inner) : null,
    };

    private sealed class ConfigurationErrors(IReadOnlyList<string> lines) : Exception(string.Join("; ", lines))
    {
        public IReadOnlyList<string> Lines { get; } = lines;
    }
}
