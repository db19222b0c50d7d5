namespace EdgeEmotion.Collector.Reports;

/// <summary>A summary's question, its period already rounded down to whole hours.</summary>
public sealed record SummaryQuery(DateTimeOffset From, DateTimeOffset To, BucketSize Size, string? Device, string? Site);
