namespace EdgeEmotion.Collector.Storage;

/// <summary>The columns <see cref="RollupSums"/> fills, in the same order in <c>hourly</c> and
/// <c>hourly_fleet</c>: what a summary sums per hour.</summary>
internal static class RollupColumns
{
    public static readonly string List =
        $"windows, frames, faces, {EmotionColumns.List("ff")}, visits, watchers, dwell_sum, attention_sum, {EmotionColumns.List("ve")}, {EmotionColumns.List("es")}, face_visits, face_sum";

    public static readonly string ParameterList =
        $"@windows, @frames, @faces, {EmotionColumns.ParameterList("ff")}, @visits, @watchers, @dwell, @attention, {EmotionColumns.ParameterList("ve")}, {EmotionColumns.ParameterList("es")}, @fv, @fs";

    /// <summary>"SUM(windows), SUM(frames), …" in the order of <see cref="List"/>.</summary>
    public static readonly string Sums = string.Join(", ", List.Split(", ").Select(c => $"SUM({c})"));

    /// <summary>"windows = {table}.windows + excluded.windows, …" for an upsert that adds.</summary>
    public static string AddExcluded(string table) => string.Join(", ", List.Split(", ").Select(c => $"{c} = {table}.{c} + excluded.{c}"));
}
