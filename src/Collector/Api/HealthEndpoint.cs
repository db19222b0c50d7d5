using EdgeEmotion.Collector.Storage;
using Microsoft.AspNetCore.Http;

namespace EdgeEmotion.Collector.Api;

/// <summary><c>GET /api/v1/health</c>: messages stored and duplicates dropped, the newest one's
/// ingest lag (stored time less its own end), gaps, and the database's size.</summary>
internal static class HealthEndpoint
{
    public static readonly QueryDoc[] Parameters = [new("format", "json (default) or csv")];

    public static async Task<IResult> Handle(HttpRequest request, CollectorStore store, CancellationToken cancel)
    {
        var format = new QueryParameters(request.Query, "format").Format();
        var h = await store.Reader.HealthAsync(cancel);
        var provider = store.Dialect.Provider.ToString().ToLowerInvariant();
        var lag = h.LastLag?.TotalSeconds;
        return ApiResults.Answer(format,
            new { Provider = provider, MessagesStored = h.Stored, h.Duplicates, h.LastStored, IngestLagS = lag, h.GapRanges, h.MissingSeqs, h.DatabaseBytes },
            () => new CsvTable("provider", "messages_stored", "duplicates", "last_stored", "ingest_lag_s", "gap_ranges", "missing_seqs", "database_bytes")
                .Row(provider, h.Stored, h.Duplicates, h.LastStored, lag, h.GapRanges, h.MissingSeqs, h.DatabaseBytes));
    }
}
