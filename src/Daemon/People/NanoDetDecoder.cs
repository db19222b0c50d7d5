namespace EdgeEmotion.Daemon.People;

/// <summary>One stride's NanoDet outputs to boxes in input pixels. Each grid cell (centre at
/// (column + 0.5, row + 0.5) × stride, as NanoDet's GFL head places them) has 80 class scores,
/// already through the graph's sigmoid, and per side (left, top, right, bottom) 8 bins: the
/// distance from the centre is the softmax-weighted mean bin index times the stride
/// (Generalized Focal Loss). Only the person class is read.</summary>
internal static class NanoDetDecoder
{
    public const int Classes = 80;
    public const int PersonClass = 0;
    public const int Bins = 8;
    public const int BoxValues = 4 * Bins;

    /// <param name="scores">[cells, 80], row-major cells of a <paramref name="side"/>/<paramref name="stride"/> square grid.</param>
    /// <param name="bins">[cells, 32]: 8 bins per side, sides in order left, top, right, bottom.</param>
    /// <param name="found">Receives (corners in input pixels, score) of cells scoring at least <paramref name="minScore"/>.</param>
    public static void Decode(ReadOnlySpan<float> scores, ReadOnlySpan<float> bins, int stride, int side, float minScore, List<PersonCandidate> found)
    {
        var columns = side / stride;
        var cells = columns * columns;
        if (scores.Length != cells * Classes || bins.Length != cells * BoxValues)
        {
            throw new InvalidDataException($"NanoDet stride {stride}: {scores.Length} scores and {bins.Length} bins, a {columns}x{columns} grid needs {cells * Classes} and {cells * BoxValues}.");
        }
        for (var i = 0; i < cells; i++)
        {
            var score = scores[(i * Classes) + PersonClass];
            if (!(score >= minScore))
            {
                continue;
            }
            var cx = ((i % columns) + 0.5f) * stride;
            var cy = ((i / columns) + 0.5f) * stride;
            var box = bins.Slice(i * BoxValues, BoxValues);
            var left = Distance(box[..Bins]) * stride;
            var top = Distance(box.Slice(Bins, Bins)) * stride;
            var right = Distance(box.Slice(2 * Bins, Bins)) * stride;
            var bottom = Distance(box.Slice(3 * Bins, Bins)) * stride;
            found.Add(new PersonCandidate(cx - left, cy - top, cx + right, cy + bottom, score));
        }
    }

    /// <summary>The expected bin index under the softmax of the logits.</summary>
    public static float Distance(ReadOnlySpan<float> logits)
    {
        var max = float.NegativeInfinity;
        foreach (var l in logits)
        {
            max = MathF.Max(max, l);
        }
        float sum = 0, weighted = 0;
        for (var k = 0; k < logits.Length; k++)
        {
            var e = MathF.Exp(logits[k] - max);
            sum += e;
            weighted += e * k;
        }
        return weighted / sum;
    }
}
