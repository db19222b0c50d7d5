using EdgeEmotion.Core.Preprocessing;

namespace EdgeEmotion.Daemon.Detection;

/// <summary>A face found in a frame: its box in frame pixels and the detector's confidence.</summary>
public readonly record struct DetectedFace(FaceBox Box, float Score);
