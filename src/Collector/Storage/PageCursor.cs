using System.Text;

namespace EdgeEmotion.Collector.Storage;

/// <summary>Where a page of raw rows ended, as an opaque token: rows are ordered by (start,
/// device, seq) and the next page starts after that key, so pages stay right while rows are added.</summary>
public readonly record struct PageCursor(long StartMs, string Device, long Seq)
{
    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{StartMs}|{Seq}|{Device}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string token, out PageCursor cursor)
    {
        cursor = default;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - (base64.Length % 4)) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('|', 3);
            if (parts.Length == 3
                && long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var start)
                && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seq))
            {
                cursor = new PageCursor(start, parts[2], seq);
                return true;
            }
        }
        catch (FormatException)
        {
            // not base64: not one of ours
        }
        return false;
    }
}
