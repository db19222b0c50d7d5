using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace EdgeEmotion.Hosting;

/// <summary>
/// Checks an options class's data annotations property by property and reports each failure as
/// one <see cref="SettingLine"/>, built from the attribute itself rather than by parsing .NET's
/// message text (which cut messages short at a quote). Refuses NaN and infinities first: a
/// <see cref="RangeAttribute"/> with int bounds converts NaN to int and throws OverflowException.
/// </summary>
internal sealed class SettingsValidator<T>(string prefix, IConfiguration configuration) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var failures = new List<string>();
        foreach (var property in SettingKeys.Of(typeof(T)))
        {
            var key = prefix + property.Name;
            var value = property.GetValue(options);
            var given = configuration[key] ?? Convert.ToString(value, CultureInfo.InvariantCulture);
            if (value is double d && !double.IsFinite(d) || value is float f && !float.IsFinite(f))
            {
                failures.Add(SettingLine.Invalid(key, given, "must be a finite number"));
                continue;
            }
            foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
            {
                if (!IsValid(attribute, value))
                {
                    failures.Add(SettingLine.Invalid(key, given, Rule(attribute, property.Name)));
                }
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsValid(ValidationAttribute attribute, object? value)
    {
        try
        {
            return attribute.IsValid(value);
        }
        catch (OverflowException)
        {
            return false; // beyond the int bounds of a Range: out of range
        }
    }

    private static string Rule(ValidationAttribute attribute, string member) => attribute switch
    {
        _ when !string.IsNullOrEmpty(attribute.ErrorMessage) => attribute.ErrorMessage,
        RangeAttribute r => string.Create(CultureInfo.InvariantCulture, $"must be between {r.Minimum} and {r.Maximum}"),
        RequiredAttribute => "must not be empty",
        StringLengthAttribute s => string.Create(CultureInfo.InvariantCulture, $"must be at most {s.MaximumLength} characters"),
        _ => attribute.FormatErrorMessage(member),
    };
}
