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

    /// <summary>The daemon SIGKILLed, started again on the same state directory a few seconds later.</summary>
    DaemonKill,
}
