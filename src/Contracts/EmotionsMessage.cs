namespace EdgeEmotion.Contracts;

/// <summary>One closed aggregation window (contract section <c>emotions</c>). Emotion figures are
/// in <see cref="EmotionLabels"/> order.</summary>
public sealed record EmotionsMessage : SequencedMessage
{
    public required DateTimeOffset WindowStart { get; init; }

    public required DateTimeOffset WindowEnd { get; init; }

    public required long Frames { get; init; }

    public required long Faces { get; init; }

    /// <summary>Classified face-frames per emotion (argmax).</summary>
    public required IReadOnlyList<long> Counts { get; init; }

    public required IReadOnlyList<double> MeanProbabilities { get; init; }

    /// <summary>The visitors block; null from a device without visitor tracking.</summary>
    public VisitorsSummary? Visitors { get; init; }

    /// <summary>Reads an <c>emotions</c> payload; <see cref="PayloadException"/> names the first bad field.</summary>
    public static EmotionsMessage Read(ReadOnlyMemory<byte> payload) => Read(new ReadOnlySequence<byte>(payload));

    /// <summary>Reads the payload as MQTTnet hands it over.</summary>
    public static EmotionsMessage Read(ReadOnlySequence<byte> payload) => PayloadObject.Read(payload, MessageKind.Emotions, p => new EmotionsMessage
    {
        Device = p.String("device"),
        Seq = p.Long("seq"),
        WindowStart = p.Time("window_start"),
        WindowEnd = p.Time("window_end"),
        Frames = p.Long("frames"),
        Faces = p.Long("faces"),
        Counts = p.EmotionCounts("counts"),
        MeanProbabilities = p.EmotionValues("mean_probabilities"),
        Visitors = p.OptionalObject("visitors") is { } visitors ? VisitorsSummary.Read(visitors) : null,
        Model = ModelInfo.Read(p.Object("model")),
        Site = p.OptionalString("site"),
    });

    private protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteNumber("seq", Seq);
        writer.WriteTime("window_start", WindowStart);
        writer.WriteTime("window_end", WindowEnd);
        writer.WriteNumber("frames", Frames);
        writer.WriteNumber("faces", Faces);
        writer.WriteEmotions("counts", Counts);
        writer.WriteEmotions("mean_probabilities", MeanProbabilities);
        Visitors?.Write(writer);
        Model.Write(writer);
    }
}

/// <summary>The <c>visitors</c> block of a window.</summary>
/// <param name="Present">Distinct visitors seen in the window.</param>
/// <param name="New">Visits that started in it.</param>
/// <param name="Looking">Of the present, those who looked at the camera in it.</param>
/// <param name="Emotions">The present visitors by their emotion within the window, label order (sums to Present).</param>
/// <param name="DwellSeconds">Visitor-seconds in the window.</param>
/// <param name="AttentionSeconds">Visitor-seconds spent looking.</param>
public sealed record VisitorsSummary(long Present, long New, long Looking, IReadOnlyList<long> Emotions, double DwellSeconds, double AttentionSeconds)
{
    internal static VisitorsSummary Read(PayloadObject v) =>
        new(v.Long("present"), v.Long("new"), v.Long("looking"), v.EmotionCounts("emotions"), v.Double("dwell_s"), v.Double("attention_s"));

    internal void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("visitors");
        writer.WriteNumber("present", Present);
        writer.WriteNumber("new", New);
        writer.WriteNumber("looking", Looking);
        writer.WriteEmotions("emotions", Emotions);
        writer.WriteNumber("dwell_s", DwellSeconds);
        writer.WriteNumber("attention_s", AttentionSeconds);
        writer.WriteEndObject();
    }
}
