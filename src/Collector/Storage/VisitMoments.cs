namespace EdgeEmotion.Collector.Storage;

/// <summary>
/// An hour's per-visit sums of squares (migration 003): Σdwell², Σattention², and for face-time
/// shares per emotion Σeₖ² and Σeₖ·T with T the visit's emotion seconds, and ΣT²; with the
/// number of visits they hold (<c>moment_visits</c>). What the comparison's intervals need on top
/// of the sums the rollup already keeps (Welch's for means, the delta method's for shares).
/// </summary>
internal sealed class VisitMoments
{
    public static readonly string Columns =
        $"moment_visits, dwell_sq, attention_sq, {EmotionColumns.List("es_sq")}, {EmotionColumns.List("es_x")}, es_total_sq";

    public static readonly string ParameterList =
        $"@mv, @dsq, @asq, {EmotionColumns.ParameterList("esq")}, {EmotionColumns.ParameterList("esx")}, @etsq";

    public static readonly string AddExcluded =
        string.Join(", ", Columns.Split(", ").Select(c => $"{c} = hourly.{c} + excluded.{c}"));

    private readonly double[] _squares = new double[EmotionColumns.Count];
    private readonly double[] _cross = new double[EmotionColumns.Count];
    private long _visits;
    private double _dwell;
    private double _attention;
    private double _totalSquares;

    public void Add(VisitRecord v)
    {
        _visits++;
        _dwell += v.DwellSeconds * v.DwellSeconds;
        _attention += v.AttentionSeconds * v.AttentionSeconds;
        var total = v.EmotionSeconds.Sum();
        for (var i = 0; i < EmotionColumns.Count; i++)
        {
            _squares[i] += v.EmotionSeconds[i] * v.EmotionSeconds[i];
            _cross[i] += v.EmotionSeconds[i] * total;
        }
        _totalSquares += total * total;
    }

    public IEnumerable<(string, object?)> Parameters() =>
    [
        ("mv", _visits), ("dsq", _dwell), ("asq", _attention),
        .. EmotionColumns.Parameters("esq", _squares), .. EmotionColumns.Parameters("esx", _cross), ("etsq", _totalSquares),
    ];
}
