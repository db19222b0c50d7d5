namespace EdgeEmotion.Contracts;

/// <summary>One finished visit (contract section <c>visits</c>). Emotion figures are in
/// <see cref="EmotionLabels"/> order; its <see cref="SequencedMessage.Seq"/> is the visits' own,
/// separate from the windows'.</summary>
public sealed record VisitMessage : SequencedMessage
{
    /// <summary>First sighting (frame time).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Last sighting (frame time).</summary>
    public required DateTimeOffset End { get; init; }

    public required double DwellSeconds { get; init; }

    public required double AttentionSeconds { get; init; }

    /// <summary>Frames in which the face was classified.</summary>
    public required long Frames { get; init; }

    /// <summary>The argmax of <see cref="MeanProbabilities"/>; null for a visitor whose face was never classified.</summary>
    public string? Emotion { get; init; }

    /// <summary>Time-weighted over the face-time; null with <see cref="Emotion"/>.</summary>
    public IReadOnlyList<double>? MeanProbabilities { get; init; }

    /// <summary>Seconds per smoothed emotion; they add up to the face-time (±0.1 s).</summary>
    public required IReadOnlyList<double> EmotionSeconds { get; init; }

    /// <summary>Seconds the face was seen (added with people); null from a device that does not send it.</summary>
    public double? FaceSeconds { get; init; }

    /// <summary>Whether the visitor looked for at least <c>Visits:WatcherSeconds</c> (a watcher); null when not sent.</summary>
    public bool? Looked { get; init; }

    /// <summary>Reads a <c>visits</c> payload; <see cref="PayloadException"/> names the first bad field.</summary>
    public static VisitMessage Read(ReadOnlyMemory<byte> payload) => Read(new ReadOnlySequence<byte>(payload));

    /// <summary>Reads the payload as MQTTnet hands it over.</summary>
    public static VisitMessage Read(ReadOnlySequence<byte> payload) => PayloadObject.Read(payload, MessageKind.Visits, p =>
    {
        var emotion = p.OptionalString("emotion");
        if (emotion is not null && EmotionLabels.IndexOf(emotion) < 0)
        {
            throw p.Error("emotion", $"'{emotion}' is not one of {string.Join(", ", EmotionLabels.Names)}");
        }
        return new VisitMessage
        {
            Device = p.String("device"),
            Seq = p.Long("seq"),
            Start = p.Time("start"),
            End = p.Time("end"),
            DwellSeconds = p.Double("dwell_s"),
            AttentionSeconds = p.Double("attention_s"),
            Frames = p.Long("frames"),
            Emotion = emotion,
            MeanProbabilities = p.OptionalEmotionValues("mean_probabilities"),
            EmotionSeconds = p.EmotionValues("emotion_seconds"),
            Model = ModelInfo.Read(p.Object("model")),
            FaceSeconds = p.OptionalDouble("face_s"),
            Looked = p.OptionalBool("looked"),
            Site = p.OptionalString("site"),
        };
    });

    private protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteNumber("seq", Seq);
        writer.WriteTime("start", Start);
        writer.WriteTime("end", End);
        writer.WriteNumber("dwell_s", DwellSeconds);
        writer.WriteNumber("attention_s", AttentionSeconds);
        writer.WriteNumber("frames", Frames);
        // Both null for a visitor whose face was never classified.
        writer.WriteString("emotion", Emotion);
        writer.WriteEmotions("mean_probabilities", MeanProbabilities);
        writer.WriteEmotions("emotion_seconds", EmotionSeconds);
        Model.Write(writer);
        writer.WriteNumberIfSet("face_s", FaceSeconds);
        writer.WriteBooleanIfSet("looked", Looked);
    }
}
