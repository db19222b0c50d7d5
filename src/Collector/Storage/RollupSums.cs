namespace EdgeEmotion.Collector.Storage;

/// <summary>The figures an hour's rollup adds up (<see cref="RollupColumns"/>), for one device's
/// row or, summed over devices, the fleet's: windows, frames, faces and face-frames per emotion;
/// visits, watchers, dwell and attention sums, visits per emotion, emotion seconds, and the visits
/// that sent <c>face_s</c> with its sum.</summary>
internal sealed class RollupSums
{
    private readonly long[] _faceFrames = new long[EmotionColumns.Count];
    private readonly long[] _visitEmotions = new long[EmotionColumns.Count];
    private readonly double[] _emotionSeconds = new double[EmotionColumns.Count];
    private long _windows;
    private long _frames;
    private long _faces;
    private long _visits;
    private long _watchers;
    private double _dwell;
    private double _attention;
    private long _faceVisits;
    private double _faceSum;

    public static RollupSums Total(IEnumerable<RollupSums> parts)
    {
        var total = new RollupSums();
        foreach (var part in parts)
        {
            total.Add(part);
        }
        return total;
    }

    public void Add(WindowRecord w)
    {
        _windows++;
        _frames += w.Frames;
        _faces += w.Faces;
        for (var i = 0; i < EmotionColumns.Count; i++)
        {
            _faceFrames[i] += w.FaceFrames[i];
        }
    }

    public void Add(VisitRecord v)
    {
        _visits++;
        _watchers += v.Watcher ? 1 : 0;
        _dwell += v.DwellSeconds;
        _attention += v.AttentionSeconds;
        if (v.Emotion is { } e)
        {
            _visitEmotions[e]++;
        }
        for (var i = 0; i < EmotionColumns.Count; i++)
        {
            _emotionSeconds[i] += v.EmotionSeconds[i];
        }
        if (v.FaceSeconds is { } face)
        {
            _faceVisits++;
            _faceSum += face;
        }
    }

    /// <summary>Values for <see cref="RollupColumns.ParameterList"/>.</summary>
    public IEnumerable<(string, object?)> Parameters() =>
    [
        ("windows", _windows), ("frames", _frames), ("faces", _faces), .. EmotionColumns.Parameters("ff", _faceFrames),
        ("visits", _visits), ("watchers", _watchers), ("dwell", _dwell), ("attention", _attention),
        .. EmotionColumns.Parameters("ve", _visitEmotions), .. EmotionColumns.Parameters("es", _emotionSeconds),
        ("fv", _faceVisits), ("fs", _faceSum),
    ];

    private void Add(RollupSums other)
    {
        _windows += other._windows;
        _frames += other._frames;
        _faces += other._faces;
        _visits += other._visits;
        _watchers += other._watchers;
        _dwell += other._dwell;
        _attention += other._attention;
        _faceVisits += other._faceVisits;
        _faceSum += other._faceSum;
        for (var i = 0; i < EmotionColumns.Count; i++)
        {
            _faceFrames[i] += other._faceFrames[i];
            _visitEmotions[i] += other._visitEmotions[i];
            _emotionSeconds[i] += other._emotionSeconds[i];
        }
    }
}
