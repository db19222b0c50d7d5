namespace EdgeEmotion.Collector.Storage;

/// <summary>A window's length and where it stands in its device's stream (seq, start).</summary>
internal sealed record WindowLength(long Ms, long Seq, long StartMs);
