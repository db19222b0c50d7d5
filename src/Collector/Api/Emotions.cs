using EdgeEmotion.Contracts;

namespace EdgeEmotion.Collector.Api;

/// <summary>Seven values in the contract's emotion order, as a JSON object or CSV columns.</summary>
internal static class Emotions
{
    public static Dictionary<string, T> Map<T>(IReadOnlyList<T> values) =>
        EmotionLabels.Names.Select((label, i) => (label, values[i])).ToDictionary(p => p.label, p => p.Item2);

    public static IEnumerable<string> Columns(string prefix) => EmotionLabels.Names.Select(l => $"{prefix}_{l}");
}
