namespace EdgeEmotion.Collector.Api;

/// <summary><c>GET /api/v1/gaps</c>: per device and stream, the seq ranges that never arrived
/// and were not declared skipped.</summary>
internal static class GapsEndpoint
{
    public static readonly QueryDoc[] Parameters = [QueryDoc.Device, QueryDoc.Format];

    public static async Task<IResult> Handle(HttpRequest request, StoreReader store, CancellationToken cancel)
    {
        var query = new QueryParameters(request.Query, "device", "format");
        var device = query.Name("device");
        var format = query.Format();
        var gaps = await store.GapsAsync(device, cancel);
        return ApiResults.Answer(format,
            new { gaps = gaps.Select(g => new { g.Device, Stream = g.Stream.Name(), g.MissingCount, Missing = g.Missing.Select(r => new { r.From, r.To }) }) },
            () => gaps.SelectMany(g => g.Missing.Select(r => (g, r))).Aggregate(new CsvTable("device", "stream", "from", "to"),
                (csv, x) => csv.Row(x.g.Device, x.g.Stream.Name(), x.r.From, x.r.To)));
    }
}
