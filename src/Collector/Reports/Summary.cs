namespace EdgeEmotion.Collector.Reports;

/// <summary>The answer of <c>/api/v1/summary</c>: the period (rounded down to whole hours, the
/// rollups' resolution), its buckets, and the whole period as one more.</summary>
public sealed record Summary(
    DateTimeOffset From,
    DateTimeOffset To,
    string Bucket,
    string TimeZone,
    string? Device,
    string? Site,
    IReadOnlyList<SummaryBucket> Buckets,
    SummaryBucket Total);

/// <summary>One bucket's figures. Seven-key maps are in the contract's emotion order.
/// <paramref name="Watchers"/> counts the visits the device judged watchers (<c>looked</c>; from a
/// device without it, attention of at least a second); <paramref name="FaceS"/> is last, as it came
/// last to the API.</summary>
public sealed record SummaryBucket(
    DateTimeOffset Start,
    DateTimeOffset End,
    long Visits,
    long Watchers,
    DurationStats DwellS,
    DurationStats AttentionS,
    IReadOnlyDictionary<string, long> Emotions,
    IReadOnlyDictionary<string, double> EmotionSeconds,
    FaceFrames FaceFrames,
    long Windows,
    long WindowsExpected,
    FaceTimeStats FaceS);

/// <summary>Mean (exact) and median (from the hourly histograms, read within their 10 % bins); null without visits.</summary>
public sealed record DurationStats(double? Mean, double? Median);

/// <summary>Face-frames: classified faces per emotion, one per face per analysed frame.</summary>
public sealed record FaceFrames(long Frames, long Faces, IReadOnlyDictionary<string, long> Counts);

/// <summary>The time visitors' faces were seen (<c>face_s</c>): over the <paramref name="Visits"/>
/// that sent it (devices from before the person stage do not: their visits are not counted as 0 s),
/// its mean (exact) and median (from the hourly histograms, as dwell's); null without such visits.</summary>
public sealed record FaceTimeStats(long Visits, double? Mean, double? Median);
