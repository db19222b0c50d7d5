using EdgeEmotion.Core.Labels;

namespace EdgeEmotion.Daemon.Visits;

/// <summary>A finished visit, as published on <c>{prefix}/{device}/visits</c> (without seq and model).</summary>
/// <param name="Start">First sighting (frame time).</param>
/// <param name="End">Last sighting (frame time).</param>
/// <param name="Frames">Frames in which the face was classified (reused frames included); 0 for a
/// person whose face was never classified (<see cref="HasFace"/>).</param>
/// <param name="MeanProbabilities">Time-weighted mean probabilities over the face-time, in <see cref="EmotionLabels"/> order.</param>
/// <param name="EmotionSeconds">Seconds per smoothed emotion, in label order; they add up to <see cref="FaceSeconds"/>.</param>
internal sealed record Visit(
    int TrackId,
    DateTimeOffset Start,
    DateTimeOffset End,
    double AttentionSeconds,
    long Frames,
    double[] MeanProbabilities,
    double[] EmotionSeconds)
{
    private readonly double? _faceSeconds;

    /// <summary>Time in view: the body track's, or the face track's where no body was found.</summary>
    public double DwellSeconds => (End - Start).TotalSeconds;

    /// <summary>Seconds the face was seen; the dwell for a visit that is a face track (people off).</summary>
    public double FaceSeconds
    {
        get => _faceSeconds ?? DwellSeconds;
        init => _faceSeconds = value;
    }

    /// <summary>Looked at the camera for at least <c>Visits:WatcherSeconds</c>: a watcher.</summary>
    public bool Looked { get; init; }

    /// <summary>A face was classified: <see cref="Emotion"/> and <see cref="MeanProbabilities"/> mean something.</summary>
    public bool HasFace => Frames > 0;

    /// <summary>Index of the visit's emotion: the argmax of <see cref="MeanProbabilities"/>.</summary>
    public int Emotion => TopClass.Of<double>(MeanProbabilities);

    public string EmotionName => EmotionLabels.Names[Emotion];

    /// <summary><see cref="EmotionSeconds"/> rounded to <paramref name="decimals"/> so that they
    /// still add up to the face-time rounded the same way (largest remainder: the units lost to
    /// rounding down go to the classes that lost most), for payloads that round both.</summary>
    public double[] EmotionSecondsRounded(int decimals)
    {
        var unit = Math.Pow(10, decimals);
        var target = (long)Math.Round(FaceSeconds * unit, MidpointRounding.AwayFromZero);
        var scaled = EmotionSeconds.Select(s => s * unit).ToArray();
        var units = scaled.Select(s => (long)Math.Floor(s)).ToArray();
        var missing = target - units.Sum();
        foreach (var i in Enumerable.Range(0, units.Length).OrderByDescending(i => scaled[i] - units[i]).ThenBy(i => i))
        {
            if (missing <= 0)
            {
                break;
            }
            units[i]++;
            missing--;
        }
        return [.. units.Select(u => u / unit)];
    }
}
