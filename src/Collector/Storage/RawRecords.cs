using System.Data.Common;

namespace EdgeEmotion.Collector.Storage;

/// <summary>Inserts a window's or a visit's raw row. ON CONFLICT DO NOTHING is the unique
/// (device, stream, seq) rule's last guard: the ledger has judged the seq new already.</summary>
internal static class RawRecords
{
    private static readonly string WindowSql =
        $"""
        INSERT INTO windows (device, seq, site, start_ms, end_ms, frames, faces, {EmotionColumns.List("ff")}, present, new_visitors, looking, dwell_s, attention_s)
        VALUES (@d, @q, @site, @s, @e, @frames, @faces, {EmotionColumns.ParameterList("ff")}, @present, @new, @looking, @dwell, @attention)
        ON CONFLICT (device, seq) DO NOTHING
        """;

    private static readonly string VisitSql =
        $"""
        INSERT INTO visits (device, seq, site, start_ms, end_ms, dwell_s, attention_s, watcher, frames, emotion, {EmotionColumns.List("es")})
        VALUES (@d, @q, @site, @s, @e, @dwell, @attention, @w, @frames, @emotion, {EmotionColumns.ParameterList("es")})
        ON CONFLICT (device, seq) DO NOTHING
        """;

    public static async Task<bool> InsertAsync(DbConnection connection, DbTransaction transaction, WindowRecord w, CancellationToken cancel) =>
        await connection.ExecuteAsync(transaction, WindowSql, cancel,
        [
            ("d", w.Device), ("q", w.Seq), ("site", w.Site), ("s", w.Start.ToUnixTimeMilliseconds()), ("e", w.End.ToUnixTimeMilliseconds()),
            ("frames", w.Frames), ("faces", w.Faces), .. EmotionColumns.Parameters("ff", w.FaceFrames),
            ("present", w.VisitorsPresent), ("new", w.VisitorsNew), ("looking", w.VisitorsLooking), ("dwell", w.DwellSeconds), ("attention", w.AttentionSeconds),
        ]) == 1;

    public static async Task<bool> InsertAsync(DbConnection connection, DbTransaction transaction, VisitRecord v, CancellationToken cancel) =>
        await connection.ExecuteAsync(transaction, VisitSql, cancel,
        [
            ("d", v.Device), ("q", v.Seq), ("site", v.Site), ("s", v.Start.ToUnixTimeMilliseconds()), ("e", v.End.ToUnixTimeMilliseconds()),
            ("dwell", v.DwellSeconds), ("attention", v.AttentionSeconds), ("w", (short)(v.Watcher ? 1 : 0)), ("frames", v.Frames),
            ("emotion", v.Emotion is { } e ? (short)e : null), .. EmotionColumns.Parameters("es", v.EmotionSeconds),
        ]) == 1;
}
