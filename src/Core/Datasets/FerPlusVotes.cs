namespace EdgeEmotion.Core.Datasets;

/// <summary>
/// FER+ crowd votes (Barsoum et al., ICMI 2016): ten annotators per FER2013 face over eight
/// emotions, <c>unknown</c> and "not a face", keyed by the face's name in its data set
/// (<see cref="FaceDataset.Names"/>). Read by <see cref="FerPlusVotesReader"/>.
/// </summary>
public sealed class FerPlusVotes
{
    /// <summary>The vote columns, in FER+'s order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["neutral", "happiness", "surprise", "sadness", "anger", "disgust", "fear", "contempt", "unknown", "not_face"];

    public const int ColumnCount = 10;

    /// <summary>Our label (<see cref="EmotionLabels"/>) of each of the first seven columns;
    /// contempt, unknown and not_face have none.</summary>
    private static readonly int[] LabelOfColumn = [6, 3, 5, 4, 0, 1, 2];

    private readonly Dictionary<string, Row> _rows;

    public FerPlusVotes(string source, Dictionary<string, Row> rows)
    {
        Source = source;
        _rows = rows;
    }

    /// <summary>One face's votes (<see cref="ColumnCount"/> counts; empty when FER+ has no image
    /// for the face) and the line of the file they came from.</summary>
    public readonly record struct Row(int[] Votes, int Line);

    public string Source { get; }
    public int Count => _rows.Count;
    public IEnumerable<string> Names => _rows.Keys;

    public bool TryGet(string name, out Row row) => _rows.TryGetValue(name, out row);

    /// <summary>The votes over our seven classes divided by their sum, or false when no annotator
    /// chose one of them (no votes, or only contempt/unknown/not_face).</summary>
    public static bool TryDistribution(ReadOnlySpan<int> votes, Span<float> distribution)
    {
        distribution.Clear();
        if (votes.Length != ColumnCount)
        {
            return false;
        }
        var total = 0;
        for (var c = 0; c < LabelOfColumn.Length; c++)
        {
            total += votes[c];
        }
        if (total == 0)
        {
            return false;
        }
        for (var c = 0; c < LabelOfColumn.Length; c++)
        {
            distribution[LabelOfColumn[c]] = (float)votes[c] / total;
        }
        return true;
    }

    /// <summary>The plurality label over all ten columns, as the FER+ data's README defines it:
    /// -1 when the top count is tied or falls on contempt, unknown or not_face.</summary>
    public static int Majority(ReadOnlySpan<int> votes)
    {
        if (votes.Length != ColumnCount)
        {
            return -1;
        }
        var best = 0;
        for (var c = 1; c < ColumnCount; c++)
        {
            if (votes[c] > votes[best])
            {
                best = c;
            }
        }
        if (votes[best] == 0)
        {
            return -1;
        }
        for (var c = 0; c < ColumnCount; c++)
        {
            if (c != best && votes[c] == votes[best])
            {
                return -1;
            }
        }
        return best < LabelOfColumn.Length ? LabelOfColumn[best] : -1;
    }
}
