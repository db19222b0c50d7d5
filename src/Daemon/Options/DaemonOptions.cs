using System.ComponentModel.DataAnnotations;

namespace EdgeEmotion.Daemon.Options;

/// <summary>Top-level keys: <c>DeviceId</c>, <c>StateDirectory</c>, <c>Site</c>.</summary>
internal sealed class DaemonOptions
{
    /// <summary><c>{device}</c> in MQTT topics, client id and Home Assistant ids; the host name when
    /// empty. 64 characters: room for any naming scheme, and short enough for every broker's
    /// client-id and topic limits.</summary>
    [RegularExpression("^[A-Za-z0-9_.-]*$", ErrorMessage = "may only contain letters, digits, '_', '.' and '-' (it is part of MQTT topics)")]
    [StringLength(64, ErrorMessage = "must be at most 64 characters (it is part of MQTT topics and the client id)")]
    public string DeviceId { get; set; } = "";

    /// <summary>Where <c>seq</c> (and later the outbox) live; <c>$STATE_DIRECTORY</c> or <c>./state</c> when empty.</summary>
    public string StateDirectory { get; set; } = "";

    /// <summary>The store the device is in, sent as <c>site</c> in <c>emotions</c>, <c>visits</c> and
    /// <c>stats</c> so that collectors and dashboards group devices by it; omitted when empty.
    /// Free text (a store's name), on one line and short enough for a dashboard's heading.</summary>
    [RegularExpression("^[^\\p{Cc}]*$", ErrorMessage = "must be one line of text without control characters")]
    [StringLength(100, ErrorMessage = "must be at most 100 characters")]
    public string Site { get; set; } = "";

    public string ResolvedDeviceId => string.IsNullOrEmpty(DeviceId) ? Environment.MachineName : DeviceId;

    public string ResolvedStateDirectory =>
        !string.IsNullOrEmpty(StateDirectory) ? StateDirectory
        : Environment.GetEnvironmentVariable("STATE_DIRECTORY") is { Length: > 0 } fromSystemd ? fromSystemd.Split(':')[0]
        : Path.Combine(Environment.CurrentDirectory, "state");
}
