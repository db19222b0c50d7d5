namespace EdgeEmotion.Daemon.Hosting;

public sealed record StatsSnapshot(
    TimeSpan Uptime,
    double Fps,
    double DetectMsP50,
    double ClassifyMsP50,
    int PendingWindows,
    long DroppedWindows,
    string Version,
    long FramesCaptured,
    long FramesAnalysed,
    long FramesDropped,
    long FramesMalformed,
    string SourceState,
    long SourceFailures,
    double ResidentMemoryMb,
    long FramesReused);
