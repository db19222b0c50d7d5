namespace EdgeEmotion.Contracts;

/// <summary>A message of one of a device's numbered streams (<c>emotions</c>, <c>visits</c>): its
/// <see cref="Seq"/> goes up by one per message of the stream and survives restarts, so that a
/// consumer stores each once (delivery is at least once) and tells a gap from a duplicate.</summary>
public abstract record SequencedMessage : DeviceMessage
{
    public required long Seq { get; init; }

    /// <summary>The emotion model that produced the figures.</summary>
    public required ModelInfo Model { get; init; }
}
