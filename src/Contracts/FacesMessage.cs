namespace EdgeEmotion.Contracts;

/// <summary>Live face boxes of one frame (contract section <c>faces</c>, optional): boxes in frame
/// pixels, never pixels themselves.</summary>
public sealed record FacesMessage(string Device, DateTimeOffset Time, int Width, int Height, IReadOnlyList<LiveFaceBox> Faces)
{
    /// <summary>People's boxes, from a device with the person stage on; null otherwise.</summary>
    public IReadOnlyList<LivePersonBox>? People { get; init; }

    /// <summary>Reads a <c>faces</c> payload; <see cref="PayloadException"/> names the first bad field.</summary>
    public static FacesMessage Read(ReadOnlyMemory<byte> payload) => Read(new ReadOnlySequence<byte>(payload));

    /// <summary>Reads the payload as MQTTnet hands it over.</summary>
    public static FacesMessage Read(ReadOnlySequence<byte> payload) => PayloadObject.Read(payload, MessageKind.Faces, p => new FacesMessage(
        p.String("device"),
        p.Time("time"),
        p.Int("width"),
        p.Int("height"),
        p.Objects("faces", LiveFaceBox.Read))
    {
        People = p.OptionalObjects("people", LivePersonBox.Read),
    });

    /// <summary>The payload as a device sends it (UTF-8 JSON, the contract's field names and order).</summary>
    public byte[] ToPayload() => PayloadWriter.Write(writer =>
    {
        writer.WriteHeader(Device);
        writer.WriteTime("time", Time);
        writer.WriteNumber("width", Width);
        writer.WriteNumber("height", Height);
        writer.WriteStartArray("faces");
        foreach (var face in Faces)
        {
            face.Write(writer);
        }
        writer.WriteEndArray();
        // Added with the person stage; left out by a device without it.
        if (People is { } people)
        {
            writer.WriteStartArray("people");
            foreach (var person in people)
            {
                person.Write(writer);
            }
            writer.WriteEndArray();
        }
    });
}

/// <summary>One tracked person: <see cref="Track"/> is local to the running process (bodies and
/// faces are numbered apart).</summary>
/// <param name="Box">x, y, width, height in frame pixels.</param>
public sealed record LivePersonBox(long Track, IReadOnlyList<long> Box)
{
    internal static LivePersonBox Read(PayloadObject person)
    {
        var box = person.Longs("box");
        return box.Count == 4
            ? new LivePersonBox(person.Long("track"), box)
            : throw person.Error("box", $"expected [x, y, width, height], got {box.Count} numbers");
    }

    internal void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("track", Track);
        writer.WriteBox(Box);
        writer.WriteEndObject();
    }
}

/// <summary>One tracked face: <see cref="Track"/> is local to the running process.</summary>
/// <param name="Box">x, y, width, height in frame pixels.</param>
public sealed record LiveFaceBox(long Track, IReadOnlyList<long> Box, string Emotion, double Probability, bool Looking)
{
    internal static LiveFaceBox Read(PayloadObject face)
    {
        var box = face.Longs("box");
        return box.Count == 4
            ? new LiveFaceBox(face.Long("track"), box, face.String("emotion"), face.Double("probability"), face.OptionalBool("looking") ?? false)
            : throw face.Error("box", $"expected [x, y, width, height], got {box.Count} numbers");
    }

    internal void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("track", Track);
        writer.WriteBox(Box);
        writer.WriteString("emotion", Emotion);
        writer.WriteNumber("probability", Probability);
        writer.WriteBoolean("looking", Looking);
        writer.WriteEndObject();
    }
}
