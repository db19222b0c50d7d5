using EdgeEmotion.Collector.Reports;

namespace EdgeEmotion.Collector.Api;

/// <summary><c>GET /api/v1/health</c>: messages stored and duplicates dropped, the newest one's
/// ingest lag (stored time less its own end), gaps, the database's size; and what answers
/// (<see cref="Service"/>, the API's version, the reports' default time zone and the minute of
/// the UTC hour the rollups' hours start at): how a page knows it is served by a collector.</summary>
internal static class HealthEndpoint
{
    public const string Service = "edgeemotion-collector";
    public const int ApiVersion = 1;

    public static readonly QueryDoc[] Parameters = [QueryDoc.Format];

    public static async Task<IResult> Handle(HttpRequest request, CollectorStore store, BucketCalendar calendar, CancellationToken cancel)
    {
        var format = new QueryParameters(request.Query, "format").Format();
        var h = await store.Reader.HealthAsync(cancel);
        var provider = store.Dialect.Provider.ToString().ToLowerInvariant();
        var lag = h.LastLag?.TotalSeconds;
        return ApiResults.Answer(format,
            new { Service, ApiVersion, TimeZone = calendar.Zone.Id, HoursStartAtMinute = calendar.Grid.Minutes, Provider = provider, MessagesStored = h.Stored, h.Duplicates, h.LastStored, IngestLagS = lag, h.GapRanges, h.MissingSeqs, h.DatabaseBytes },
            () => new CsvTable("provider", "messages_stored", "duplicates", "last_stored", "ingest_lag_s", "gap_ranges", "missing_seqs", "database_bytes", "service", "api_version", "time_zone", "hours_start_at_minute")
                .Row(provider, h.Stored, h.Duplicates, h.LastStored, lag, h.GapRanges, h.MissingSeqs, h.DatabaseBytes, Service, ApiVersion, calendar.Zone.Id, calendar.Grid.Minutes));
    }
}
