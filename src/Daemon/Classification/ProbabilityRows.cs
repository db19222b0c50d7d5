using EdgeEmotion.Core.Labels;

namespace EdgeEmotion.Daemon.Classification;

/// <summary>Checks a model's output rows: finite, each within 0..1, summing to 1 (±1 %).</summary>
public static class ProbabilityRows
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

    /// <summary>The rows (faces) whose probabilities are valid; <paramref name="invalid"/> counts the others.</summary>
    public static float[] KeepValid(float[] probabilities, out int invalid)
    {
        var k = EmotionLabels.Count;
        var kept = new List<float>(probabilities.Length);
        invalid = 0;
        for (var start = 0; start + k <= probabilities.Length; start += k)
        {
            var row = probabilities.AsSpan(start, k);
            if (IsValid(row))
            {
                kept.AddRange(row);
            }
            else
            {
                invalid++;
            }
        }
        return invalid == 0 ? probabilities : [.. kept];
    }
}
