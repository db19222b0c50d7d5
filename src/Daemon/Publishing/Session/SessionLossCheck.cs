namespace EdgeEmotion.Daemon.Publishing.Session;

/// <summary>
/// Before reconnecting: was the last session taken over? MQTT 5 brokers that say so (MQTTnet's,
/// EMQX, HiveMQ) name it in the DISCONNECT; others (Debian 12's mosquitto 2.0.11) just close the
/// socket, so a session that is closed twice in a row within seconds of connecting, while the
/// broker accepts every connection, counts as taken over too.
/// </summary>
internal sealed class SessionLossCheck(MqttSession session, TimeProvider clock)
{
    private static readonly TimeSpan QuickLoss = TimeSpan.FromSeconds(15);
    private int _quickLosses;
    private long? _connectedAt;

    public void Connected() => _connectedAt = clock.GetTimestamp();

    /// <summary>Throws <see cref="SessionTakenOverException"/> when the session that just ended was taken over.</summary>
    public void ThrowIfTakenOver()
    {
        if (_connectedAt is not { } since)
        {
            return;
        }
        _connectedAt = null;
        _quickLosses = clock.GetElapsedTime(since) < QuickLoss ? _quickLosses + 1 : 0;
        if (session.TakeTakenOver())
        {
            _quickLosses = 0;
            throw new SessionTakenOverException("closed this daemon's session because another client connected");
        }
        if (_quickLosses >= 2)
        {
            _quickLosses = 0;
            throw new SessionTakenOverException($"keeps closing this daemon's session within {QuickLoss.TotalSeconds:0} s of connecting, as it does when another client connects");
        }
    }
}

/// <summary>The broker closed the session because another client connected with the daemon's client id.</summary>
internal sealed class SessionTakenOverException(string message) : IOException(message);
