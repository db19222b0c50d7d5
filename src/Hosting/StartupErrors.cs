using EdgeEmotion.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeEmotion.Hosting;

/// <summary>Turns start-up failures into one line per problem that names the setting or file.</summary>
internal static class StartupErrors
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
            catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is InvalidOperationException { Source: "Microsoft.Extensions.Configuration.Binder" } i)
            {
                // .NET's binder, a backstop behind the schema's own lines: a value it cannot
                // convert or a key it does not know. Thrown inside .NET with this type, it cannot be
                // a UserInputException at its source; any other InvalidOperationException is a bug.
                failures.Add(prefix.Length == 0 ? i.Message : $"configuration section {prefix.TrimEnd(':')}: {i.Message}");
            }
        }
        if (failures.Count > 0)
        {
            throw new ConfigurationErrors(failures);
        }
    }

    /// <summary>The lines for bad input: <see cref="UserInputException"/>, the settings' aggregate
    /// lines, and those inside a wrapping exception (the host's, reflection's). Null for anything
    /// else: a bug, which keeps its stack trace and does not exit with the bad-input code.</summary>
    public static IReadOnlyList<string>? Describe(Exception ex) => ex switch
    {
        ConfigurationErrors c => c.Lines,
        OptionsValidationException v => [.. v.Failures],
        UserInputException => [ex.Message],
        AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerExceptions[0]),
        _ => ex.InnerException is { } inner ? Describe(inner) : null,
    };

    /// <summary>Writes <paramref name="lines"/> as a program's errors: one line each, named after
    /// <paramref name="program"/>, with the journal's error priority when that is where they go.</summary>
    public static void Write(TextWriter errors, string program, IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            errors.WriteLine($"{JournalOutput.Prefix(JournalOutput.Error)}{program}: {line}");
        }
    }

    private sealed class ConfigurationErrors(IReadOnlyList<string> lines) : Exception(string.Join("; ", lines))
    {
        public IReadOnlyList<string> Lines { get; } = lines;
    }
}
