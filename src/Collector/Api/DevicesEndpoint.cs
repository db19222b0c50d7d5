namespace EdgeEmotion.Collector.Api;

/// <summary><c>GET /api/v1/devices</c>: each device, its site, first and last message, last
/// status and how many gap ranges it has.</summary>
internal static class DevicesEndpoint
{
    public static readonly QueryDoc[] Parameters = [QueryDoc.Format];

    public static async Task<IResult> Handle(HttpRequest request, StoreReader store, CancellationToken cancel)
    {
        var query = new QueryParameters(request.Query, "format");
        var format = query.Format();
        var devices = await store.DevicesAsync(cancel);
        return ApiResults.Answer(format,
            new { devices = devices.Select(d => new { d.Device, d.Site, d.First, d.Last, WindowS = d.Window?.TotalSeconds, d.Status, d.StatusAt, d.Gaps }) },
            () => devices.Aggregate(new CsvTable("device", "site", "first", "last", "window_s", "status", "status_at", "gaps"),
                (csv, d) => csv.Row(d.Device, d.Site, d.First, d.Last, d.Window?.TotalSeconds, d.Status, d.StatusAt, d.Gaps)));
    }
}
