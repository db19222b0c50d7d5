namespace EdgeEmotion.Hosting;

/// <summary>Hides the user name and password of a camera URI for logs and error messages.
/// Works on the text as written, not on <see cref="Uri.UserInfo"/>: .NET normalises escapes
/// (<c>%41</c> → <c>A</c>) and cannot parse every URI, so a mask built from the parsed form may not
/// match the text. Everything between the scheme and the LAST '@' is hidden: a password may itself
/// contain '@', ':' or '/', and hiding part of an unusual path is better than showing a password.
/// Local sources (folders, files, devices) carry no credentials, so an '@' in a folder name stays.</summary>
public static partial class CredentialMask
{
    private static readonly string[] LocalSchemes = ["images", "file", "v4l2", "opencv"];

    public static string Apply(string uri)
    {
        var at = uri.LastIndexOf('@');
        if (at < 0)
        {
            return uri;
        }
        var colon = uri.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && LocalSchemes.Contains(uri[..colon], StringComparer.OrdinalIgnoreCase))
        {
            return uri;
        }
        var start = colon < 0 ? 0 : colon + 1;
        if (uri.AsSpan(start).StartsWith("//", StringComparison.Ordinal))
        {
            start += 2;
        }
        return at < start ? uri : string.Concat(uri.AsSpan(0, start), "***", uri.AsSpan(at));
    }

    /// <summary>Hides credentials in a line another program wrote (ffmpeg quotes the URL it was
    /// given, password included, in its errors): the user information of <paramref name="uri"/> as
    /// written and as decoded, and any <c>scheme://user@</c> the line carries.</summary>
    public static string InText(string line, string uri)
    {
        var masked = Apply(uri);
        if (masked != uri)
        {
            line = line.Replace(uri, masked, StringComparison.Ordinal);
            // Apply kept the text before the user information and from the last '@' on.
            var prefix = masked.IndexOf("***", StringComparison.Ordinal);
            var userInfo = uri[prefix..uri.LastIndexOf('@')];
            var password = userInfo.Contains(':', StringComparison.Ordinal) ? userInfo[(userInfo.IndexOf(':', StringComparison.Ordinal) + 1)..] : "";
            foreach (var secret in new[] { userInfo, Uri.UnescapeDataString(userInfo), password, Uri.UnescapeDataString(password) }.Where(s => s.Length > 0).OrderByDescending(s => s.Length))
            {
                line = line.Replace(secret, "***", StringComparison.Ordinal);
            }
        }
        return UserInfoInUrl().Replace(line, "$1***@");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"([a-zA-Z][a-zA-Z0-9+.-]*://)[^\s/@]+@")]
    private static partial System.Text.RegularExpressions.Regex UserInfoInUrl();
}
