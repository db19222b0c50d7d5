namespace EdgeEmotion.Collector.Storage;

public sealed partial class StoreReader
{
    /// <summary>A period's per-visit sums of squares (<see cref="VisitMoments"/>) and its hours of
    /// coverage (windows received times their device's window length), summed over the scope.</summary>
    public async Task<PeriodMoments> MomentsAsync(DateTimeOffset from, DateTimeOffset to, string? device, string? site, CancellationToken cancel)
    {
        var (where, parameters) = Scope(from, to, device, site);
        var sums = string.Join(", ", VisitMoments.Columns.Split(", ").Select(c => $"SUM(hourly.{c})"));
        var sql = $"""
            SELECT SUM(hourly.visits), SUM(hourly.dwell_sum), SUM(hourly.attention_sum), {EmotionColumns.Sums("es")}, {sums},
                SUM(hourly.windows * devices.window_ms)
            FROM hourly LEFT JOIN devices ON devices.device = hourly.device WHERE {where}
            """;
        await using var connection = await dialect.OpenAsync(cancel);
        await using var command = connection.Command(null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        await reader.ReadAsync(cancel);
        var n = EmotionColumns.Count;
        double D(int i) => reader.IsDBNull(i) ? 0 : reader.Double(i);
        long L(int i) => reader.LongOrNull(i) ?? 0;
        var at = 3 + n; // after visits, dwell and attention sums, emotion seconds
        return new PeriodMoments(
            L(0), D(1), D(2), [.. Enumerable.Range(3, n).Select(D)],
            L(at), D(at + 1), D(at + 2), [.. Enumerable.Range(at + 3, n).Select(D)], [.. Enumerable.Range(at + 3 + n, n).Select(D)], D(at + 3 + (2 * n)),
            TimeSpan.FromMilliseconds(D(at + 4 + (2 * n))));
    }
}

/// <summary>What a period's comparison needs beyond its summary: visits and the sums of dwell,
/// attention and emotion seconds; the sums of squares of the <see cref="MomentVisits"/> visits
/// whose squares are kept (fewer than <see cref="Visits"/> when an hour's were not); and the time
/// its devices were covered by windows.</summary>
public sealed record PeriodMoments(
    long Visits,
    double DwellSum,
    double AttentionSum,
    double[] EmotionSeconds,
    long MomentVisits,
    double DwellSquares,
    double AttentionSquares,
    double[] EmotionSquares,
    double[] EmotionCross,
    double EmotionTotalSquares,
    TimeSpan Covered)
{
    /// <summary>Whether the sums of squares hold every visit of the period.</summary>
    public bool Complete => MomentVisits == Visits;
}
