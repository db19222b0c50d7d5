namespace EdgeEmotion.Daemon.Publishing.Session;

/// <summary>How long the publisher waits before the next connection attempt: 1 s after a working
/// connection, doubling after each failed wait up to <c>Mqtt:MaxReconnectSeconds</c>; the longest
/// at once when another client took the session over (reconnecting at once would throw it off in
/// turn, for ever).</summary>
internal sealed class ReconnectBackoff(TimeSpan longest)
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);

    public TimeSpan Longest => longest;

    /// <summary>The wait before the next attempt.</summary>
    public TimeSpan Next { get; private set; } = First;

    /// <summary>Connected: the next outage starts again from a second.</summary>
    public void Connected() => Next = First;

    public void TakenOver() => Next = longest;

    /// <summary>After a wait: the next one is twice as long, up to the longest.</summary>
    public void Waited() => Next = TimeSpan.FromSeconds(Math.Min(Next.TotalSeconds * 2, longest.TotalSeconds));
}
