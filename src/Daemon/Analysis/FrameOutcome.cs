namespace EdgeEmotion.Daemon.Analysis;

/// <summary>What <see cref="FrameAnalyzer.Analyse"/> did with a frame.</summary>
internal enum FrameOutcome
{
    /// <summary>Detected, classified, counted and tracked.</summary>
    Analysed,

    /// <summary>The same picture as the last analysed frame (motion gate): its result counted again.</summary>
    Reused,

    /// <summary>A frame the detector or the model could not read: skipped and counted.</summary>
    Malformed,
}
