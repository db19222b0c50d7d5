using EdgeEmotion.Daemon.Detection;

namespace EdgeEmotion.Daemon.Tracking;

/// <summary>A detection the tracker matched to (or started) a track in this frame.</summary>
/// <param name="DetectionIndex">Index of the detection in the list given to the tracker.</param>
/// <param name="Confirmed">The track has been seen in <c>Tracking:MinHits</c> frames: a visitor.</param>
/// <param name="Started">The track's first sighting (its visit's start).</param>
internal readonly record struct TrackedFace(int TrackId, int DetectionIndex, DetectedFace Detection, bool Confirmed, bool Started);

/// <summary>A track the tracker dropped: not seen for <c>Tracking:LostSeconds</c>, a tentative
/// track that missed a frame, or every track at shutdown.</summary>
internal readonly record struct EndedTrack(int TrackId, bool WasConfirmed, DateTimeOffset LastSeen);

/// <summary>What one frame did to the tracks.</summary>
internal sealed record TrackerFrame(DateTimeOffset Time, IReadOnlyList<TrackedFace> Faces, IReadOnlyList<EndedTrack> Ended);
