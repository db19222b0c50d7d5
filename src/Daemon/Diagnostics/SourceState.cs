namespace EdgeEmotion.Daemon.Diagnostics;

/// <summary>Where the frame source is; stats publish it as <c>source_state</c> and the status LED
/// blinks fast while it is <see cref="Retrying"/>. Public, unlike the daemon's other types: a test
/// theory takes it as a parameter.</summary>
public enum SourceState
{
    /// <summary>Not opened yet.</summary>
    Starting,
    /// <summary>Open and delivering frames.</summary>
    Running,
    /// <summary>Failed; reopened with backoff.</summary>
    Retrying,
    /// <summary>A finite source (a recording played once) has delivered its last frame.</summary>
    Ended,
}
