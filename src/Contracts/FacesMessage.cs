namespace EdgeEmotion.Contracts;

/// <summary>Live face boxes of one frame (contract section <c>faces</c>, optional): boxes in frame
/// pixels, never pixels themselves.</summary>
public sealed record FacesMessage(string Device, DateTimeOffset Time, int Width, int Height, IReadOnlyList<LiveFace> Faces)
{
    /// <summary>Reads a <c>faces</c> payload; <see cref="PayloadException"/> names the first bad field.</summary>
    public static FacesMessage Read(ReadOnlyMemory<byte> payload) => PayloadObject.Read(payload, MessageKind.Faces, p => new FacesMessage(
        p.String("device"),
        p.Time("time"),
        p.Int("width"),
        p.Int("height"),
        p.Objects("faces", LiveFace.Read)));
}

/// <summary>One tracked face: <see cref="Track"/> is local to the running process.</summary>
/// <param name="Box">x, y, width, height in frame pixels.</param>
public sealed record LiveFace(long Track, IReadOnlyList<long> Box, string Emotion, double Probability, bool Looking)
{
    internal static LiveFace Read(PayloadObject face)
    {
        var box = face.Longs("box");
        return box.Count == 4
            ? new LiveFace(face.Long("track"), box, face.String("emotion"), face.Double("probability"), face.OptionalBool("looking") ?? false)
            : throw face.Error("box", $"expected [x, y, width, height], got {box.Count} numbers");
    }
}
