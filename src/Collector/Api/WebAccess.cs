namespace EdgeEmotion.Collector.Api;

/// <summary>What the collector's web server serves beyond the API and to whom: the page's folder
/// (null or missing: the API only), the origins of other pages that may read the API through a
/// browser (<c>Http:AllowedOrigins</c>), and the host names <c>Http:Urls</c> names, which a
/// request's <c>Host</c> may use besides the bound addresses.</summary>
public sealed record WebAccess(string? PageFolder, IReadOnlyList<string> AllowedOrigins, IReadOnlyList<string> HostNames)
{
    /// <summary>The folder the build copies dashboard/public to, beside the program.</summary>
    public static string BesideProgram => Path.Combine(AppContext.BaseDirectory, "dashboard");

    /// <summary>The API alone, from the addresses it is bound to: what a test of the API needs.</summary>
    public static WebAccess ApiOnly { get; } = new(null, [], []);

    /// <summary>From <c>Http:Urls</c> and <c>Http:AllowedOrigins</c>, the page from beside the program.</summary>
    public static WebAccess From(IEnumerable<string> urls, IEnumerable<string> allowedOrigins, string? pageFolder) =>
        new(pageFolder, [.. allowedOrigins.Select(Origin)], [.. urls.Select(HostOf).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)]);

    /// <summary>An origin as browsers send it: scheme://host[:port], lower case, the scheme's default port left out.</summary>
    public static string Origin(string url)
    {
        var uri = new Uri(url, UriKind.Absolute);
        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    /// <summary>A name in a URL (not an address, nor Kestrel's wildcards * and +).</summary>
    private static string? HostOf(string url)
    {
        // Kestrel's wildcards are not valid URI hosts: read the host by hand first.
        var host = url.Split("://", 2)[^1].Split('/')[0];
        host = host.StartsWith('[') ? host : host.Split(':')[0];
        return host is "*" or "+" || Uri.CheckHostName(host) != UriHostNameType.Dns ? null : host;
    }
}
