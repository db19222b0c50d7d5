namespace EdgeEmotion.Daemon.Visits;

/// <summary>Where finished visits go (the <c>visits</c> stream's outbox in the daemon; a list in tests).</summary>
internal interface IVisitSink
{
    void Enqueue(IReadOnlyList<Visit> visits);
}
