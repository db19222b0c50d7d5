using EdgeEmotion.Collector.Reports;

namespace EdgeEmotion.Collector.Api;

/// <summary><c>GET /api/v1/compare</c>: two periods side by side (each the summary's total) and,
/// per measure, a − b with its 95 % interval and whether that includes zero ("within noise").</summary>
internal static class CompareEndpoint
{
    private static readonly string[] Known = ["a_from", "a_to", "b_from", "b_to", "device", "site", "tz", "format"];

    public static readonly QueryDoc[] Parameters =
    [
        new("a_from", "RFC 3339 time: period a's start, rounded down to the hour", Required: true),
        new("a_to", "RFC 3339 time: period a's end (exclusive), rounded down to the hour", Required: true),
        new("b_from", "RFC 3339 time: period b's start, rounded down to the hour", Required: true),
        new("b_to", "RFC 3339 time: period b's end (exclusive), rounded down to the hour", Required: true),
        QueryDoc.Device,
        QueryDoc.Site,
        new("tz", "IANA time zone the periods' times are written in (e.g. Europe/Berlin); default Reports:TimeZone"),
        new("format", "json (default) or csv (one row per difference)"),
    ];

    private static readonly string[] CsvColumns = ["measure", "kind", "a", "b", "difference", "low", "high", "method", "within_noise", "n_a", "n_b"];

    public static async Task<IResult> Handle(HttpRequest request, StoreReader store, BucketCalendar calendar, TimeProvider clock, CancellationToken cancel)
    {
        var query = new QueryParameters(request.Query, Known);
        var (aFrom, aTo) = query.HourPeriod(calendar.Grid, "a_from", "a_to");
        var (bFrom, bTo) = query.HourPeriod(calendar.Grid, "b_from", "b_to");
        var device = query.Name("device");
        var site = query.Name("site");
        var zone = query.TimeZone("tz", calendar.Zone);
        var format = query.Format();
        var local = calendar.In(zone);
        var coverage = await store.CoverageAsync(device, site, cancel);
        var now = clock.GetUtcNow();
        var a = await SideAsync(store, local, aFrom, aTo, device, site, coverage, now, cancel);
        var b = await SideAsync(store, local, bFrom, bTo, device, site, coverage, now, cancel);
        var comparison = ComparisonBuilder.Build(a, b);
        if (format == OutputFormat.Csv)
        {
            return ApiResults.Answer(format, comparison, () => comparison.Differences.Aggregate(new CsvTable(CsvColumns),
                (csv, d) => csv.Row(d.Measure, d.Kind, d.A, d.B, d.Difference, d.Low, d.High, d.Method, d.WithinNoise, d.NA, d.NB)));
        }
        return Results.Json(new
        {
            A = Totals(a.Total),
            B = Totals(b.Total),
            comparison.Confidence,
            TimeZone = zone.Id,
            Device = device,
            Site = site,
            comparison.Differences,
        }, ApiJson.Options);
    }

    private static async Task<ComparedPeriod> SideAsync(StoreReader store, BucketCalendar calendar, DateTimeOffset from, DateTimeOffset to, string? device, string? site,
        IReadOnlyList<CoverageRow> coverage, DateTimeOffset now, CancellationToken cancel)
    {
        var hours = await store.HoursAsync(from, to, device, site, cancel);
        var histograms = await store.HistogramsAsync(from, to, device, site, cancel);
        var total = new SummaryBuilder(calendar).Total(from, to, hours, histograms, coverage, now);
        var moments = await store.MomentsAsync(from, to, device, site, cancel);
        return new ComparedPeriod(total, moments, Sample(histograms, HourlyRollup.DwellMetric), Sample(histograms, HourlyRollup.AttentionMetric));
    }

    private static Statistics.BinnedSample Sample(IReadOnlyList<HistogramRow> histograms, int metric) =>
        DurationBins.Sample(histograms.Where(h => h.Metric == metric).Select(h => (h.Bin, h.Count)));

    /// <summary>The summary's total object with the period's from and to first (the test of the
    /// compare endpoint checks that it holds every field of the summary's total).</summary>
    private static object Totals(SummaryBucket t) => new
    {
        From = t.Start, To = t.End, t.Start, t.End, t.Visits, t.Watchers, t.DwellS, t.AttentionS, t.Emotions, t.EmotionSeconds, t.FaceFrames, t.Windows, t.WindowsExpected, t.FaceS,
    };
}
