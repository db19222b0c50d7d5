namespace EdgeEmotion.Daemon.Classification;

/// <summary>Checks a model's output rows: finite, each within 0..1, summing to 1 (±1 %).</summary>
internal static class ProbabilityRows
{
    public static bool IsValid(ReadOnlySpan<float> row)
    {
        if (row.Length % EmotionLabels.Count != 0)
        {
            return false;
        }
        for (var start = 0; start < row.Length; start += EmotionLabels.Count)
        {
            var sum = 0.0;
            foreach (var p in row.Slice(start, EmotionLabels.Count))
            {
                if (!float.IsFinite(p) || p < 0 || p > 1.0001f)
                {
                    return false;
                }
                sum += p;
            }
            if (Math.Abs(sum - 1) > 0.01)
            {
                return false;
            }
        }
        return true;
    }
}
