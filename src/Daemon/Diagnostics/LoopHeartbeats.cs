namespace EdgeEmotion.Daemon.Diagnostics;

/// <summary>The two loops the systemd watchdog watches, so that it needs neither of their services.</summary>
internal sealed class LoopHeartbeats(TimeProvider clock)
{
    /// <summary>Beats whenever a frame is analysed or reused, a lost source is retried, or the
    /// presence sensor says nobody is there.</summary>
    public Heartbeat FrameLoop { get; } = new(clock);

    /// <summary>Beats whenever the MQTT publishing loop comes round or sends a queued message.</summary>
    public Heartbeat Publishing { get; } = new(clock);
}
