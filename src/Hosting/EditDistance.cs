namespace EdgeEmotion.Hosting;

/// <summary>Optimal string alignment distance (Levenshtein plus swapped neighbours, so "Mqqt" is
/// one step from "Mqtt" and "Hots" from "Host"), case-insensitive. Hand-written: the BCL has
/// none and a dozen lines do not justify a package.</summary>
internal static class EditDistance
{
    public static int Between(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }

    /// <summary>The candidate closest to <paramref name="text"/>, if it is a plausible misspelling.</summary>
    public static string? Nearest(string text, IEnumerable<string> candidates)
    {
        var allowed = Math.Clamp(text.Length / 4, 1, 3);
        return candidates
            .Select(c => (Candidate: c, Distance: Between(text, c)))
            .Where(c => c.Distance <= allowed)
            .OrderBy(c => c.Distance)
            .Select(c => c.Candidate)
            .FirstOrDefault();
    }
}
