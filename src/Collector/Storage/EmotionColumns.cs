using EdgeEmotion.Contracts;

namespace EdgeEmotion.Collector.Storage;

/// <summary>The seven per-emotion columns of a kind (<c>ff_</c> face-frames, <c>ve_</c> visits
/// per emotion, <c>es_</c> emotion seconds), named after the contract's labels in their order.</summary>
internal static class EmotionColumns
{
    public static IReadOnlyList<string> Labels => EmotionLabels.Names;

    public static int Count => EmotionLabels.Count;

    public static string[] Names(string prefix) => [.. Labels.Select(l => $"{prefix}_{l}")];

    /// <summary>"ff_angry, ff_disgust, …".</summary>
    public static string List(string prefix) => string.Join(", ", Names(prefix));

    /// <summary>"@ff0, @ff1, …", the parameters <see cref="Parameters{T}"/> gives values.</summary>
    public static string ParameterList(string prefix) => string.Join(", ", Enumerable.Range(0, Count).Select(i => $"@{prefix}{i}"));

    public static IEnumerable<(string, object?)> Parameters<T>(string prefix, IReadOnlyList<T> values) =>
        Enumerable.Range(0, Count).Select(i => ($"{prefix}{i}", (object?)values[i]));

    /// <summary>"ff_angry = hourly.ff_angry + excluded.ff_angry, …" for an upsert.</summary>
    public static string AddExcluded(string prefix, string table) =>
        string.Join(", ", Names(prefix).Select(c => $"{c} = {table}.{c} + excluded.{c}"));

    /// <summary>"SUM(ff_angry), SUM(ff_disgust), …".</summary>
    public static string Sums(string prefix) => string.Join(", ", Names(prefix).Select(c => $"SUM({c})"));
}
