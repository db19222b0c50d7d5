using System.Text.RegularExpressions;

namespace EdgeEmotion.Hosting;

/// <summary>Hides a camera URI's secrets for logs and error messages: the user information and the
/// values of query parameters whose names look like secrets (<see cref="SecretParameter"/>).
/// Works on the text as written, not on <see cref="Uri.UserInfo"/>: .NET normalises escapes
/// (<c>%41</c> → <c>A</c>) and cannot parse every URI, so a mask built from the parsed form may not
/// match the text. The URI is split as RFC 3986 does, except that the user information ends at the
/// last '@' before the query (not before the first '/'): a password may itself contain '@', ':' or
/// an unescaped '/', and hiding part of an unusual path is better than showing a password; an '@'
/// in the query (<c>?user=a@b</c>) is the query's. Local sources (folders, files, devices) carry no
/// user information, so an '@' in a folder name stays.</summary>
public static partial class CredentialMask
{
    public const string Hidden = "***";

    private static readonly string[] LocalSchemes = ["images", "file", "v4l2", "opencv"];

    public static string Apply(string uri)
    {
        var (userInfo, query) = Parts(uri);
        var masked = uri;
        if (query is { } q)
        {
            masked = string.Concat(masked.AsSpan(0, q.Start.Value), MaskQuery(uri[q]), masked.AsSpan(q.End.Value));
        }
        if (userInfo is { } u)
        {
            masked = string.Concat(masked.AsSpan(0, u.Start.Value), Hidden, masked.AsSpan(u.End.Value));
        }
        return masked;
    }

    /// <summary>The secrets <paramref name="uri"/> carries as written: its user information, the
    /// password in it, and the values of secret-looking query parameters.</summary>
    public static IReadOnlyList<string> Secrets(string uri)
    {
        var (userInfo, query) = Parts(uri);
        var secrets = new List<string>();
        if (userInfo is { } u)
        {
            var info = uri[u];
            secrets.Add(info);
            var colon = info.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                secrets.Add(info[(colon + 1)..]);
            }
        }
        if (query is { } q)
        {
            secrets.AddRange(SecretValues(uri[q]));
        }
        return secrets;
    }

    /// <summary>Hides credentials in a line another program wrote (ffmpeg quotes the URL it was
    /// given, password included, in its errors): the secrets of <paramref name="uri"/> as written
    /// and as decoded, and any <c>scheme://user@</c> or secret-looking query value the line carries.</summary>
    public static string InText(string line, string uri)
    {
        var masked = Apply(uri);
        if (masked != uri)
        {
            line = line.Replace(uri, masked, StringComparison.Ordinal);
        }
        foreach (var secret in Secrets(uri).SelectMany(s => new[] { s, Unescape(s) }).Where(s => s.Length > 0 && s != Hidden).Distinct().OrderByDescending(s => s.Length))
        {
            line = line.Replace(secret, Hidden, StringComparison.Ordinal);
        }
        line = UserInfoInUrl().Replace(line, "$1" + Hidden + "@");
        return SecretInQuery().Replace(line, m => IsSecretName(m.Groups["name"].Value) ? m.Groups["lead"].Value + Hidden : m.Value);
    }

    /// <summary>Where the user information and the query are in <paramref name="uri"/>, if it has them.</summary>
    private static (Range? UserInfo, Range? Query) Parts(string uri)
    {
        var colon = uri.IndexOf(':', StringComparison.Ordinal);
        var queryStart = uri.IndexOf('?', StringComparison.Ordinal);
        var fragment = uri.IndexOf('#', queryStart < 0 ? 0 : queryStart);
        var end = queryStart >= 0 ? queryStart : fragment >= 0 ? fragment : uri.Length;
        Range? query = queryStart < 0 ? null : new Range(queryStart + 1, fragment < 0 ? uri.Length : fragment);
        if (colon <= 0 || colon > end || LocalSchemes.Contains(uri[..colon], StringComparer.OrdinalIgnoreCase)
            || !uri.AsSpan(colon + 1).StartsWith("//", StringComparison.Ordinal))
        {
            return (null, query);
        }
        var start = colon + 3;
        var at = uri.LastIndexOf('@', end - 1, end - start);
        return (at < 0 ? null : new Range(start, at), query);
    }

    private static string MaskQuery(string query) =>
        string.Join('&', query.Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            return equals >= 0 && IsSecretName(pair[..equals]) ? pair[..(equals + 1)] + Hidden : pair;
        }));

    private static IEnumerable<string> SecretValues(string query) =>
        query.Split('&')
            .Select(pair => (Pair: pair, Sign: pair.IndexOf('=', StringComparison.Ordinal)))
            .Where(p => p.Sign >= 0 && IsSecretName(p.Pair[..p.Sign]))
            .Select(p => p.Pair[(p.Sign + 1)..]);

    /// <summary>Parameter names that carry a secret in cameras' and streaming servers' URLs
    /// (password, pwd, passwd, token, api_key, secret, auth, sig, signature, credential, session…):
    /// matched as parts of the name, so <c>access_token</c> and <c>X-Amz-Signature</c> count too.</summary>
    private static bool IsSecretName(string name) => SecretParameter().IsMatch(Unescape(name));

    private static string Unescape(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    [GeneratedRegex(@"pass|pwd|pw$|^pw|token|key|secret|auth|sig|credential|session|cookie", RegexOptions.IgnoreCase)]
    private static partial Regex SecretParameter();

    [GeneratedRegex(@"([a-zA-Z][a-zA-Z0-9+.-]*://)[^\s/?#@'""]+@")]
    private static partial Regex UserInfoInUrl();

    /// <summary>A query parameter in free text: <c>?name=value</c> or <c>&amp;name=value</c>, up to
    /// the next '&amp;', quote or space.</summary>
    [GeneratedRegex(@"(?<lead>[?&](?<name>[^=&\s'""?]+)=)[^&\s'""#]*")]
    private static partial Regex SecretInQuery();
}
