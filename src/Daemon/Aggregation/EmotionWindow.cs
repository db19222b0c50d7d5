namespace EdgeEmotion.Daemon.Aggregation;

/// <summary>One closed aggregation window, as published on <c>{prefix}/{device}/emotions</c>.</summary>
public sealed record EmotionWindow(
    long Seq,
    DateTimeOffset Start,
    DateTimeOffset End,
    long Frames,
    long Faces,
    long[] Counts,
    double[] MeanProbabilities);
