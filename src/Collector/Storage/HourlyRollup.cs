using System.Data.Common;

namespace EdgeEmotion.Collector.Storage;

/// <summary>Adds a newly stored window or visit to its device's hourly rollup (the UTC hour its
/// start falls in) and a visit's dwell and attention to that hour's histograms. Upserts that
/// add, so two collectors adding to one hour never lose each other's counts.</summary>
internal static class HourlyRollup
{
    public const int DwellMetric = 0;
    public const int AttentionMetric = 1;
    private const long HourMs = 3_600_000;

    private static readonly string WindowSql =
        $"""
        INSERT INTO hourly (device, hour_ms, site, windows, frames, faces, {EmotionColumns.List("ff")})
        VALUES (@d, @h, @site, 1, @frames, @faces, {EmotionColumns.ParameterList("ff")})
        ON CONFLICT (device, hour_ms) DO UPDATE SET site = COALESCE(excluded.site, hourly.site),
            windows = hourly.windows + 1, frames = hourly.frames + excluded.frames, faces = hourly.faces + excluded.faces,
            {EmotionColumns.AddExcluded("ff", "hourly")}
        """;

    private static readonly string VisitSql =
        $"""
        INSERT INTO hourly (device, hour_ms, site, visits, watchers, dwell_sum, attention_sum, {EmotionColumns.List("ve")}, {EmotionColumns.List("es")})
        VALUES (@d, @h, @site, 1, @w, @dwell, @attention, {EmotionColumns.ParameterList("ve")}, {EmotionColumns.ParameterList("es")})
        ON CONFLICT (device, hour_ms) DO UPDATE SET site = COALESCE(excluded.site, hourly.site),
            visits = hourly.visits + 1, watchers = hourly.watchers + excluded.watchers,
            dwell_sum = hourly.dwell_sum + excluded.dwell_sum, attention_sum = hourly.attention_sum + excluded.attention_sum,
            {EmotionColumns.AddExcluded("ve", "hourly")}, {EmotionColumns.AddExcluded("es", "hourly")}
        """;

    private const string HistogramSql =
        """
        INSERT INTO hourly_histograms (device, hour_ms, metric, bin, count) VALUES (@d, @h, @m, @b, 1)
        ON CONFLICT (device, hour_ms, metric, bin) DO UPDATE SET count = hourly_histograms.count + 1
        """;

    public static long HourOf(DateTimeOffset time)
    {
        var ms = time.ToUnixTimeMilliseconds();
        return ms - (((ms % HourMs) + HourMs) % HourMs);
    }

    public static Task AddAsync(DbConnection connection, DbTransaction transaction, WindowRecord w, CancellationToken cancel) =>
        connection.ExecuteAsync(transaction, WindowSql, cancel,
        [
            ("d", w.Device), ("h", HourOf(w.Start)), ("site", w.Site), ("frames", (long)w.Frames), ("faces", (long)w.Faces),
            .. EmotionColumns.Parameters("ff", w.FaceFrames.Select(c => (long)c).ToArray()),
        ]);

    public static async Task AddAsync(DbConnection connection, DbTransaction transaction, VisitRecord v, CancellationToken cancel)
    {
        var hour = HourOf(v.Start);
        var perEmotion = new long[EmotionColumns.Count];
        if (v.Emotion is { } e)
        {
            perEmotion[e] = 1;
        }
        await connection.ExecuteAsync(transaction, VisitSql, cancel,
        [
            ("d", v.Device), ("h", hour), ("site", v.Site), ("w", v.Watcher ? 1L : 0L), ("dwell", v.DwellSeconds), ("attention", v.AttentionSeconds),
            .. EmotionColumns.Parameters("ve", perEmotion),
            .. EmotionColumns.Parameters("es", v.EmotionSeconds),
        ]);
        await connection.ExecuteAsync(transaction, HistogramSql, cancel,
            ("d", v.Device), ("h", hour), ("m", (short)DwellMetric), ("b", (short)DurationHistogram.Bin(v.DwellSeconds)));
        await connection.ExecuteAsync(transaction, HistogramSql, cancel,
            ("d", v.Device), ("h", hour), ("m", (short)AttentionMetric), ("b", (short)DurationHistogram.Bin(v.AttentionSeconds)));
    }
}
