using System.ComponentModel.DataAnnotations;

namespace EdgeEmotion.Daemon.Options;

/// <summary>Top-level keys: <c>DeviceId</c>, <c>StateDirectory</c>.</summary>
public sealed class DaemonOptions
{
    /// <summary><c>{device}</c> in MQTT topics, client id and Home Assistant ids; the host name when
    /// empty. 64 characters: room for any naming scheme, and short enough for every broker's
    /// client-id and topic limits.</summary>
    [RegularExpression("^[A-Za-z0-9_.-]*$", ErrorMessage = "may only contain letters, digits, '_', '.' and '-' (it is part of MQTT topics)")]
    [StringLength(64, ErrorMessage = "must be at most 64 characters (it is part of MQTT topics and the client id)")]
    public string DeviceId { get; set; } = "";

    /// <summary>Where <c>seq</c> (and later the outbox) live; <c>$STATE_DIRECTORY</c> or <c>./state</c> when empty.</summary>
    public string StateDirectory { get; set; } = "";

    public string ResolvedDeviceId => string.IsNullOrEmpty(DeviceId) ? Environment.MachineName : DeviceId;

    public string ResolvedStateDirectory =>
        !string.IsNullOrEmpty(StateDirectory) ? StateDirectory
        : Environment.GetEnvironmentVariable("STATE_DIRECTORY") is { Length: > 0 } fromSystemd ? fromSystemd.Split(':')[0]
        : Path.Combine(Environment.CurrentDirectory, "state");
}
