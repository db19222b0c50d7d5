using EdgeEmotion.Collector.Reports;

namespace EdgeEmotion.Collector.Api;

/// <summary><c>GET /api/v1/summary</c>: the period's figures per local hour, day or week and in
/// total, from the hourly rollups (so from and to count in whole hours of the database's grid:
/// each is rounded down).</summary>
internal static class SummaryEndpoint
{
    /// <summary>More buckets than this is a mistake (a year of hours is 8,760).</summary>
    public const int MaxBuckets = 10_000;
    private static readonly string[] Known = ["from", "to", "bucket", "device", "site", "tz", "format"];

    public static readonly QueryDoc[] Parameters =
    [
        new("from", "RFC 3339 time, rounded down to the hour", Required: true),
        new("to", "RFC 3339 time (exclusive), rounded down to the hour", Required: true),
        new("bucket", "hour, day (default) or week, local to Reports:TimeZone"),
        QueryDoc.Device,
        QueryDoc.Site,
        new("tz", "IANA time zone of the local hours, days and weeks (e.g. Europe/Berlin); default Reports:TimeZone"),
        QueryDoc.Format,
    ];

    public static async Task<IResult> Handle(HttpRequest request, StoreReader store, BucketCalendar calendar, TimeProvider clock, CancellationToken cancel)
    {
        var query = new QueryParameters(request.Query, Known);
        var (from, to) = query.HourPeriod(calendar.Grid);
        var size = query.Bucket("bucket");
        if (size == BucketSize.Hour && (to - from).TotalHours > MaxBuckets)
        {
            throw new BadParameterException("bucket", $"hour buckets over {(to - from).TotalDays:0} days are more than {MaxBuckets}: ask for day or week");
        }
        var summaryQuery = new SummaryQuery(from, to, size, query.Name("device"), query.Name("site"));
        var format = query.Format();
        var zone = query.TimeZone("tz", calendar.Zone);
        // The three reads side by side, each on its own connection: a one-device day waited on
        // three round trips one after the other.
        var hours = store.HoursAsync(from, to, summaryQuery.Device, summaryQuery.Site, cancel);
        var histograms = store.HistogramsAsync(from, to, summaryQuery.Device, summaryQuery.Site, cancel);
        var coverage = store.CoverageAsync(summaryQuery.Device, summaryQuery.Site, cancel);
        var summary = new SummaryBuilder(calendar.In(zone)).Build(summaryQuery,
            await hours, await histograms, await coverage, clock.GetUtcNow());
        return ApiResults.Answer(format, summary, () => Csv(summary));
    }

    private static CsvTable Csv(Summary summary)
    {
        var csv = new CsvTable(["bucket", "start", "end", "visits", "watchers", "dwell_s_mean", "dwell_s_median", "attention_s_mean", "attention_s_median",
            .. Emotions.Columns("emotions"), .. Emotions.Columns("emotion_seconds"), "frames", "faces", .. Emotions.Columns("face_frames"), "windows", "windows_expected",
            "face_s_visits", "face_s_mean", "face_s_median"]);
        foreach (var b in summary.Buckets)
        {
            Row(csv, summary.Bucket, b);
        }
        Row(csv, "total", summary.Total);
        return csv;
    }

    private static void Row(CsvTable csv, string bucket, SummaryBucket b) =>
        csv.Row([bucket, b.Start, b.End, b.Visits, b.Watchers, b.DwellS.Mean, b.DwellS.Median, b.AttentionS.Mean, b.AttentionS.Median,
            .. b.Emotions.Values.Cast<object?>(), .. b.EmotionSeconds.Values.Cast<object?>(), b.FaceFrames.Frames, b.FaceFrames.Faces,
            .. b.FaceFrames.Counts.Values.Cast<object?>(), b.Windows, b.WindowsExpected, b.FaceS.Visits, b.FaceS.Mean, b.FaceS.Median]);
}
