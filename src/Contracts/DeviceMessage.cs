namespace EdgeEmotion.Contracts;

/// <summary>What every JSON message of a device carries: who sent it and, when set, the store it
/// is in (<c>site</c>, by which collectors and dashboards group devices).</summary>
public abstract record DeviceMessage
{
    public required string Device { get; init; }

    /// <summary>The store the device is in (<c>Site</c>); null when not set.</summary>
    public string? Site { get; init; }
}
