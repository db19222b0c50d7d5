using EdgeEmotion.Daemon.Analysis;
using EdgeEmotion.Daemon.Visits;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>Where a <see cref="FrameAnalyzer"/> under test queues its finished visits: kept
/// in a list to be looked at, instead of the outbox.</summary>
internal sealed class RecordedVisits : IVisitSink
{
    public List<Visit> Visits { get; } = [];

    public void Enqueue(IReadOnlyList<Visit> visits) => Visits.AddRange(visits);
}
