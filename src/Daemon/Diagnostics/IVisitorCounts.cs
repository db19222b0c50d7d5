namespace EdgeEmotion.Daemon.Diagnostics;

/// <summary>The visitor figures the stats report, as the visits stage keeps them: the stage
/// implements this, so Diagnostics reads its writer without depending on it (the stages write
/// Diagnostics, not the other way round).</summary>
internal interface IVisitorCounts
{
    /// <summary>Confirmed tracks with an open visit.</summary>
    int ActiveVisitors { get; }

    /// <summary>Visits that ended shorter than <c>Visits:MinDwellSeconds</c> and were not published.</summary>
    long VisitsTooShort { get; }
}
