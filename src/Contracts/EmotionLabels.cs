namespace EdgeEmotion.Contracts;

/// <summary>The seven FER2013 classes in their canonical label order 0..6, which is also the
/// order of the model's output and of every JSON payload.</summary>
public static class EmotionLabels
{
    public static IReadOnlyList<string> Names { get; } =
        ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"];

    public static int Count => Names.Count;

    /// <summary>Index of a class name (case-insensitive), or -1.</summary>
    public static int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }
}
