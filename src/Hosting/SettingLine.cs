namespace EdgeEmotion.Hosting;

/// <summary>The one line a bad setting gets: key, value as given, rule. Long values are cut (a
/// 70,000-character value would hide the rule) and the credentials of a URI (a camera's, a
/// broker's) masked, whatever its key.</summary>
public static class SettingLine
{
    private const int MaxShownCharacters = 80;

    public static string Invalid(string key, string? value, string rule) =>
        value is null ? $"{key}: {rule}" : $"{key}: {Show(key, value)} is invalid: {rule}";

    public static string Show(string key, string value)
    {
        if (value.Contains("://", StringComparison.Ordinal))
        {
            value = CredentialMask.Apply(value);
        }
        return value.Length <= MaxShownCharacters
            ? $"'{value}'"
            : $"'{value[..MaxShownCharacters]}…' ({value.Length:D} characters)";
    }
}
