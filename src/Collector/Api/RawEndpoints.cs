using Microsoft.AspNetCore.Http.Extensions;

namespace EdgeEmotion.Collector.Api;

/// <summary><c>GET /api/v1/visits</c> and <c>/windows</c>: the raw records that started in
/// [from, to), in pages ordered by start; <c>next</c> (JSON) or the <c>Link</c> header (CSV)
/// gives the next page's <c>after</c>.</summary>
internal static class RawEndpoints
{
    private static readonly string[] Known = ["from", "to", "device", "limit", "after", "format"];

    public static readonly QueryDoc[] Parameters =
    [
        new("from", "RFC 3339 time: records that started at or after it", Required: true),
        new("to", "RFC 3339 time: records that started before it", Required: true),
        QueryDoc.Device,
        new("limit", $"rows per page, 1 to {QueryParameters.MaxLimit} (default {QueryParameters.DefaultLimit})"),
        new("after", "the previous page's next value"),
        QueryDoc.Format,
    ];

    public static Task<IResult> Visits(HttpRequest request, StoreReader store, CancellationToken cancel) =>
        PageAsync(request, store.VisitsAsync,
            page => new
            {
                visits = page.Rows.Select(v => new { v.Device, v.Site, v.Seq, v.Start, v.End, v.DwellSeconds, v.AttentionSeconds, v.Watcher, v.Frames, v.Emotion, EmotionSeconds = Emotions.Map(v.EmotionSeconds), FaceS = v.FaceSeconds, v.Looked }),
                next = page.Next,
            },
            page => page.Rows.Aggregate(new CsvTable(["device", "site", "seq", "start", "end", "dwell_s", "attention_s", "watcher", "frames", "emotion", .. Emotions.Columns("emotion_seconds"), "face_s", "looked"]),
                (csv, v) => csv.Row([v.Device, v.Site, v.Seq, v.Start, v.End, v.DwellSeconds, v.AttentionSeconds, v.Watcher, v.Frames, v.Emotion, .. v.EmotionSeconds.Cast<object?>(),
                    v.FaceSeconds, v.Looked])),
            cancel);

    public static Task<IResult> Windows(HttpRequest request, StoreReader store, CancellationToken cancel) =>
        PageAsync(request, store.WindowsAsync,
            page => new
            {
                windows = page.Rows.Select(w => new
                {
                    w.Device, w.Site, w.Seq, w.Start, w.End, w.Frames, w.Faces, Counts = Emotions.Map(w.FaceFrames),
                    Visitors = new { Present = w.VisitorsPresent, New = w.VisitorsNew, Looking = w.VisitorsLooking, DwellS = w.DwellSeconds, AttentionS = w.AttentionSeconds },
                }),
                next = page.Next,
            },
            page => page.Rows.Aggregate(new CsvTable(["device", "site", "seq", "start", "end", "frames", "faces", .. Emotions.Columns("face_frames"), "present", "new", "looking", "dwell_s", "attention_s"]),
                (csv, w) => csv.Row([w.Device, w.Site, w.Seq, w.Start, w.End, w.Frames, w.Faces, .. w.FaceFrames.Cast<object?>(), w.VisitorsPresent, w.VisitorsNew, w.VisitorsLooking, w.DwellSeconds, w.AttentionSeconds])),
            cancel);

    /// <summary>What both endpoints do around their rows: read the period's page the query asks for,
    /// put the next page's token in a Link header for CSV, answer in the format asked.</summary>
    private static async Task<IResult> PageAsync<T>(HttpRequest request, PageReader<T> read, Func<Page<T>, object> json, Func<Page<T>, CsvTable> csv, CancellationToken cancel)
    {
        var query = new QueryParameters(request.Query, Known);
        var from = query.Time("from");
        var page = await read(from, query.TimeAfter("to", from), query.Name("device"), query.Cursor(), query.Limit(), cancel);
        var format = query.Format();
        Link(request, page.Next, format);
        return ApiResults.Answer(format, json(page), () => csv(page));
    }

    private delegate Task<Page<T>> PageReader<T>(DateTimeOffset from, DateTimeOffset to, string? device, PageCursor? after, int limit, CancellationToken cancel);

    /// <summary>CSV has no room for the next page's token: it goes in a Link header (RFC 8288).</summary>
    private static void Link(HttpRequest request, string? next, OutputFormat format)
    {
        if (next is null || format != OutputFormat.Csv)
        {
            return;
        }
        var query = new QueryBuilder(request.Query.Where(p => p.Key != "after").SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? ""))))
        {
            { "after", next },
        };
        request.HttpContext.Response.Headers.Link = $"<{request.Path}{query}>; rel=\"next\"";
    }
}
