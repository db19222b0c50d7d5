namespace EdgeEmotion.Daemon.Aggregation;

/// <summary>One closed aggregation window, as published on <c>{prefix}/{device}/emotions</c>
/// (its <c>seq</c> is given when it is queued).</summary>
internal sealed record EmotionWindow(
    DateTimeOffset Start,
    DateTimeOffset End,
    long Frames,
    long Faces,
    long[] Counts,
    double[] MeanProbabilities,
    EdgeEmotion.Daemon.Visits.WindowVisitorsSummary? Visitors = null);
