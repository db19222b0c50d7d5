using System.ComponentModel.DataAnnotations;

namespace EdgeEmotion.Daemon.Options;

/// <summary>Top-level keys: <c>DeviceId</c>, <c>StateDirectory</c>.</summary>
public sealed class DaemonOptions
{
    /// <summary><c>{device}</c> in MQTT topics; the host name when empty.</summary>
    [RegularExpression("^[A-Za-z0-9_.-]*$", ErrorMessage = "DeviceId may only contain letters, digits, '_', '.' and '-' (it is part of MQTT topics).")]
    public string DeviceId { get; set; } = "";

    /// <summary>Where <c>seq</c> (and later the outbox) live; <c>$STATE_DIRECTORY</c> or <c>./state</c> when empty.</summary>
    public string StateDirectory { get; set; } = "";

    public string ResolvedDeviceId => string.IsNullOrEmpty(DeviceId) ? Environment.MachineName : DeviceId;

    public string ResolvedStateDirectory =>
        !string.IsNullOrEmpty(StateDirectory) ? StateDirectory
        : Environment.GetEnvironmentVariable("STATE_DIRECTORY") is { Length: > 0 } fromSystemd ? fromSystemd.Split(':')[0]
        : Path.Combine(Environment.CurrentDirectory, "state");
}
