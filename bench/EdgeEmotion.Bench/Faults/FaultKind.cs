namespace EdgeEmotion.Bench.Faults;

/// <summary>The faults the run cycles through, in this order.</summary>
public enum FaultKind
{
    /// <summary>The proxy in front of the broker accepts connections and passes nothing.</summary>
    BrokerStall,

    /// <summary>mosquitto SIGKILLed, started again at the end of the fault.</summary>
    BrokerKill,

    /// <summary>The state directory's filesystem filled until ENOSPC, freed at the end.</summary>
    DiskFull,

    /// <summary>The state directory's filesystem filled until ENOSPC; at the end the daemon is stopped
    /// with SIGTERM while it is still full, the disk freed and the daemon started again.</summary>
    DiskFullRestart,

    /// <summary>The daemon SIGKILLed, started again on the same state directory a few seconds later.</summary>
    DaemonKill,
}
