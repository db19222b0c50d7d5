using EdgeEmotion.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeEmotion.Daemon.Options;

/// <summary><c>Dashboard:Urls</c> must be plain http URLs with a host and a port and nothing else:
/// Kestrel would otherwise fail later with its own words, or listen where nobody expected.</summary>
public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public const string Rule = "must be http://HOST:PORT URLs (no path) separated by ';' (e.g. http://127.0.0.1:8080; http://0.0.0.0:8080 for every interface; https is not served, put a TLS proxy in front), or empty for no dashboard";

    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }
        var bad = options.UrlList.Where(url => !IsPlainHttp(url)).ToList();
        return options.UrlList.Count == 0 || bad.Count > 0
            ? ValidateOptionsResult.Fail(SettingLine.Invalid("Dashboard:Urls", options.Urls, Rule))
            : ValidateOptionsResult.Success;
    }

    private static bool IsPlainHttp(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp
        && uri.Host.Length > 0
        && uri.UserInfo.Length == 0
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0
        && uri.Port is > 0 and <= 65535;
}
