namespace EdgeEmotion.Daemon.People;

/// <summary>A person box by its corners in the detector's input pixels, before NMS.</summary>
internal readonly record struct PersonCandidate(float X0, float Y0, float X1, float Y1, float Score);
