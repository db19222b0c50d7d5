namespace EdgeEmotion.Collector.Storage;

/// <summary>The two streams a device numbers with its own gap-free <c>seq</c>: closed windows
/// (<c>emotions</c>) and finished visits (<c>visits</c>). The names are the topics' last level,
/// which is also how the database and the API name them.</summary>
public enum StreamKind
{
    Emotions,
    Visits,
}

public static class StreamKindNames
{
    public const string Emotions = "emotions";
    public const string Visits = "visits";

    public static string Name(this StreamKind stream) => stream == StreamKind.Emotions ? Emotions : Visits;

    public static StreamKind Parse(string name) => name switch
    {
        Emotions => StreamKind.Emotions,
        Visits => StreamKind.Visits,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a seq stream"),
    };
}
