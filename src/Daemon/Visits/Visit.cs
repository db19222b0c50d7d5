using EdgeEmotion.Core.Labels;

namespace EdgeEmotion.Daemon.Visits;

/// <summary>A finished visit, as published on <c>{prefix}/{device}/visits</c> (without seq and model).</summary>
/// <param name="Start">First sighting (frame time).</param>
/// <param name="End">Last sighting (frame time).</param>
/// <param name="Frames">Frames in which the face was classified (reused frames included).</param>
/// <param name="MeanProbabilities">Time-weighted mean probabilities, in <see cref="EmotionLabels"/> order.</param>
/// <param name="EmotionSeconds">Seconds per smoothed emotion, in label order; they add up to the dwell.</param>
public sealed record Visit(
    int TrackId,
    DateTimeOffset Start,
    DateTimeOffset End,
    double AttentionSeconds,
    long Frames,
    double[] MeanProbabilities,
    double[] EmotionSeconds)
{
    public double DwellSeconds => (End - Start).TotalSeconds;

    /// <summary>Index of the visit's emotion: the argmax of <see cref="MeanProbabilities"/>.</summary>
    public int Emotion => Probabilities.ArgMax(MeanProbabilities);

    public string EmotionName => EmotionLabels.Names[Emotion];
}
