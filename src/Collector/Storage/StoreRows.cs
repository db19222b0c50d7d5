namespace EdgeEmotion.Collector.Storage;

// The rows the store's reads return (StoreReader), in the API's terms.

/// <summary>A device as the collector knows it: first and last event time of its windows and
/// visits, its window length, its last status, and its gaps (missing seqs not declared skipped).</summary>
public sealed record DeviceRow(string Device, string? Site, DateTimeOffset? First, DateTimeOffset? Last, TimeSpan? Window, string? Status, DateTimeOffset? StatusAt, int Gaps);

/// <summary>One device's stream: its missing seq ranges, declared skips taken out.</summary>
public sealed record StreamGaps(string Device, StreamKind Stream, IReadOnlyList<SeqRange> Missing)
{
    public long MissingCount => Missing.Sum(r => r.Count);
}

/// <summary>One UTC hour's rollup, summed over the devices asked for; <paramref name="FaceVisits"/>
/// the visits that sent <c>face_s</c>, <paramref name="FaceSum"/> its sum.</summary>
public sealed record HourRow(
    DateTimeOffset Hour,
    long Windows,
    long Frames,
    long Faces,
    long[] FaceFrames,
    long Visits,
    long Watchers,
    double DwellSum,
    double AttentionSum,
    long[] VisitEmotions,
    double[] EmotionSeconds,
    long FaceVisits,
    double FaceSum);

/// <summary>Counts of one histogram bin (<see cref="DurationHistogram"/>) in one hour.</summary>
public readonly record struct HistogramRow(DateTimeOffset Hour, int Metric, int Bin, long Count);

/// <summary>A device in a summary's scope with what its coverage needs.</summary>
public sealed record CoverageRow(string Device, DateTimeOffset First, TimeSpan Window);

/// <summary>What <c>/health</c> reports: messages stored and dropped, the last one's lag,
/// gaps, and the database's size.</summary>
public sealed record HealthRow(long Stored, long Duplicates, DateTimeOffset? LastStored, TimeSpan? LastLag, int GapRanges, long MissingSeqs, long DatabaseBytes);

/// <summary>A page of raw rows and the cursor of the next page (null on the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Rows, string? Next);

/// <summary>A stored window as the API returns it.</summary>
public sealed record StoredWindow(string Device, string? Site, long Seq, DateTimeOffset Start, DateTimeOffset End, int Frames, int Faces, long[] FaceFrames, int VisitorsPresent, int VisitorsNew, int VisitorsLooking, double DwellSeconds, double AttentionSeconds);

/// <summary>A stored visit as the API returns it (<see cref="Emotion"/>: the label, or null;
/// <see cref="FaceSeconds"/> and <see cref="Looked"/> as the device sent them, null when it did not).</summary>
public sealed record StoredVisit(string Device, string? Site, long Seq, DateTimeOffset Start, DateTimeOffset End, double DwellSeconds, double AttentionSeconds, bool Watcher, int Frames, string? Emotion, double[] EmotionSeconds,
    double? FaceSeconds, bool? Looked);
