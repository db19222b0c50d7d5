namespace EdgeEmotion.Collector.Storage;

/// <summary>Set arithmetic on seq ranges: gaps less the ranges a device declared skipped.</summary>
public static class SeqRanges
{
    public static List<SeqRange> Subtract(IEnumerable<SeqRange> ranges, IReadOnlyCollection<SeqRange> removed)
    {
        var result = new List<SeqRange>();
        foreach (var range in ranges.OrderBy(r => r.From))
        {
            var pieces = new List<SeqRange> { range };
            foreach (var cut in removed)
            {
                pieces = [.. pieces.SelectMany(p => Cut(p, cut))];
            }
            result.AddRange(pieces);
        }
        return result;
    }

    private static IEnumerable<SeqRange> Cut(SeqRange piece, SeqRange cut)
    {
        if (cut.To < piece.From || cut.From > piece.To)
        {
            yield return piece;
            yield break;
        }
        if (cut.From > piece.From)
        {
            yield return new SeqRange(piece.From, cut.From - 1);
        }
        if (cut.To < piece.To)
        {
            yield return new SeqRange(cut.To + 1, piece.To);
        }
    }
}
