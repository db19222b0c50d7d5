namespace EdgeEmotion.Daemon.Sources;

/// <summary>A frame and its frame time (<see cref="FrameClock"/>).</summary>
internal readonly record struct CapturedFrame(GrayImage Image, DateTimeOffset Time);
