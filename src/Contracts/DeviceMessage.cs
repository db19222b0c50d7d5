namespace EdgeEmotion.Contracts;

/// <summary>What every JSON message of a device carries: who sent it and, when set, the store it
/// is in (<c>site</c>, by which collectors and dashboards group devices).</summary>
public abstract record DeviceMessage
{
    public required string Device { get; init; }

    /// <summary>The store the device is in (<c>Site</c>); null when not set.</summary>
    public string? Site { get; init; }

    /// <summary>The payload as a device sends it (UTF-8 JSON, the contract's field names and order).
    /// Reading it back gives the same figures, times to the millisecond.</summary>
    public byte[] ToPayload() => PayloadWriter.Write(writer =>
    {
        writer.WriteHeader(Device);
        WriteFields(writer);
        // Added to the contract after every other field, so last; omitted when not set.
        writer.WriteStringIfSet("site", Site);
    });

    /// <summary>The message's own fields, in the contract's order: a field added to the contract
    /// is added at the end of its message's list.</summary>
    private protected abstract void WriteFields(Utf8JsonWriter writer);
}
