using System.Buffers;
using EdgeEmotion.Core.Preprocessing;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Options;

namespace EdgeEmotion.Daemon.Tracking;

/// <summary>
/// ByteTrack-style multi-face tracker on boxes alone. Per frame: every track's Kalman filter
/// predicts to the frame time; high-score detections are matched to all tracks, then the low-score
/// ones to the tracks still unmatched (a tilted or blurred face keeps its track); only a high-score
/// detection left over starts a track. A pair matches on IoU, or, when a face grew or moved too
/// much for the boxes to overlap (someone walking up at 5 frames/s), on the distance between the
/// centres measured in face sizes. A track is confirmed after <c>Tracking:MinHits</c> sightings
/// and ends after <c>Tracking:LostSeconds</c> of frame time unseen; a tentative track ends at its
/// first miss. Time is the frame's, given by the caller: the tracker never reads a clock, so a
/// replay gives the same tracks on any CPU. Not thread-safe: one analysis loop calls it.
/// Departures from ByteTrack: tentative tracks take low-score detections too (a head that turns
/// away right after appearing scores 0.3-0.7 and would otherwise never be confirmed), and one
/// Hungarian pass per score class covers confirmed and tentative tracks together.
/// </summary>
/// <param name="rules">How tracks and detections pair and how long a track lasts unseen; null: <see cref="TrackRules.Faces"/>.</param>
internal sealed class FaceTracker(TrackingOptions options, TrackRules? rules = null)
{
    // Centre distance in face sizes (sqrt of the predicted box area) within which a face still
    // matches without overlap. It grows with the time since the track was last seen, by a brisk
    // walk across the picture (about 4 face sizes a second), because a new track's speed is not
    // known yet and a low frame rate moves faces far between frames; capped so that a newcomer
    // across the picture does not take over a lost track.
    private const double CentreGate = 0.5;
    private const double CentreGatePerSecondUnseen = 4.0;
    private const double MaxCentreGate = 2.5;
    // A detection more than this times larger or smaller than the prediction is another face.
    private const double MaxSizeRatio = 1.8;
    // Tentative tracks lose ties to confirmed ones.
    private const double TentativePenalty = 0.05;

    private readonly TrackRules _rules = rules ?? TrackRules.Faces;
    private readonly double _lostSeconds = (rules ?? TrackRules.Faces).LostSeconds(options.LostSeconds);
    private readonly List<Track> _tracks = [];
    private readonly List<Track> _waiting = [];
    private readonly List<(int TrackId, int DetectionIndex, DetectedFace Detection)> _lastMatches = [];
    private int _nextId = 1;
    private DateTimeOffset? _lastTime;

    /// <summary>Seconds of frame time unseen after which a track ends (its rules' time, never less
    /// than <c>Tracking:LostSeconds</c>).</summary>
    public double LostSeconds => _lostSeconds;

    /// <summary>Tracks that are visitors now (confirmed and not ended): <c>tracks_active</c>.</summary>
    public int ConfirmedTracks => _tracks.Count(t => t.Confirmed);

    /// <summary>Associates one analysed frame's detections (high- and low-score) with the tracks.</summary>
    public TrackerFrame Update(IReadOnlyList<DetectedFace> detections, DateTimeOffset frameTime)
    {
        var ended = EndLost(frameTime);
        _lastMatches.Clear();
        foreach (var track in _tracks)
        {
            track.PredictTo(frameTime);
        }
        var trackOfDetection = new Track?[detections.Count];
        var unmatched = new List<Track>(_tracks);
        FindWaitingForLowScore(detections);
        Associate(detections, trackOfDetection, unmatched, _waiting, frameTime, highScore: true);
        _waiting.Clear(); // every track left takes part in the low-score pass ...
        if (!_rules.TentativeTakesLowScore)
        {
            _waiting.AddRange(unmatched.Where(t => !t.Confirmed)); // ... but tentative ones, by these rules
        }
        Associate(detections, trackOfDetection, unmatched, _waiting, frameTime, highScore: false);
        if (_rules.RecoverByLastSighting)
        {
            RecoverByLastSighting(detections, trackOfDetection, unmatched);
        }

        if (_rules.KeepSizeWhileUnseen)
        {
            // Tracks not seen in this frame (TrackRules.KeepSizeWhileUnseen).
            foreach (var track in unmatched)
            {
                track.Filter.KeepSize();
            }
        }
        foreach (var track in unmatched.Where(t => !t.Confirmed))
        {
            // ByteTrack drops a tentative track at its first miss: most are false positives.
            _tracks.Remove(track);
            ended.Add(new EndedTrack(track.Id, false, track.LastSeen));
        }
        var faces = new List<TrackedFace>(detections.Count);
        for (var d = 0; d < detections.Count; d++)
        {
            var detection = detections[d];
            var track = trackOfDetection[d];
            var started = false;
            if (track is null)
            {
                if (!detection.IsHighScore)
                {
                    continue;
                }
                track = new Track(_nextId++, detection.Box, frameTime) { Confirmed = options.MinHits <= 1 };
                _tracks.Add(track);
                started = true;
            }
            else
            {
                track.Sighted(detection.Box, frameTime);
                track.Confirmed |= track.Hits >= options.MinHits;
            }
            faces.Add(new TrackedFace(track.Id, d, detection, track.Confirmed, started));
            _lastMatches.Add((track.Id, d, detection));
        }
        return new TrackerFrame(frameTime, faces, ended);
    }

    /// <summary>A reused frame (motion gating: same picture, last result counted again): the faces
    /// matched in the last analysed frame are sighted again, at the same boxes, at the new time.</summary>
    public TrackerFrame Repeat(DateTimeOffset frameTime)
    {
        var ended = EndLost(frameTime);
        var faces = new List<TrackedFace>(_lastMatches.Count);
        foreach (var (trackId, index, detection) in _lastMatches)
        {
            var track = _tracks.Find(t => t.Id == trackId);
            if (track is null)
            {
                continue;
            }
            track.PredictTo(frameTime);
            track.Sighted(detection.Box, frameTime);
            track.Confirmed |= track.Hits >= options.MinHits;
            faces.Add(new TrackedFace(track.Id, index, detection, track.Confirmed, false));
        }
        return new TrackerFrame(frameTime, faces, ended);
    }

    /// <summary>Ends every track (shutdown).</summary>
    public IReadOnlyList<EndedTrack> EndAll()
    {
        var ended = _tracks.Select(t => new EndedTrack(t.Id, t.Confirmed, t.LastSeen)).ToList();
        _tracks.Clear();
        _lastMatches.Clear();
        return ended;
    }

    private List<EndedTrack> EndLost(DateTimeOffset frameTime)
    {
        // A frame time far behind the last one (a camera clock stepped back, a replay restarted):
        // no track can be followed across it, and waiting for the time to catch up would keep
        // the visits open. Small steps back are jitter: they predict nothing (see Track).
        var jumpedBack = _lastTime is { } last && (last - frameTime).TotalSeconds > _lostSeconds;
        if (_lastTime is null || frameTime > _lastTime || jumpedBack)
        {
            _lastTime = frameTime;
        }
        if (jumpedBack)
        {
            return [.. EndAll()];
        }
        var ended = new List<EndedTrack>();
        for (var i = _tracks.Count - 1; i >= 0; i--)
        {
            var track = _tracks[i];
            if (track.SecondsUnseen(frameTime) > _lostSeconds)
            {
                ended.Add(new EndedTrack(track.Id, track.Confirmed, track.LastSeen));
                _tracks.RemoveAt(i);
            }
        }
        ended.Reverse();
        return ended;
    }

    /// <summary>The tracks that sit the high-score pass out (<see cref="TrackRules.LowScoreWinsBy"/>),
    /// into <see cref="_waiting"/>: a low-score box fits them clearly better than any high-score box.</summary>
    private void FindWaitingForLowScore(IReadOnlyList<DetectedFace> detections)
    {
        _waiting.Clear();
        if (_rules.LowScoreWinsBy is not { } margin)
        {
            return;
        }
        foreach (var track in _tracks.Where(t => t.Confirmed || _rules.TentativeTakesLowScore))
        {
            double bestHigh = 0, bestLow = 0;
            foreach (var detection in detections)
            {
                var iou = NonMaximumSuppression.IntersectionOverUnion(track.Filter.Box, detection.Box);
                if (detection.IsHighScore)
                {
                    bestHigh = Math.Max(bestHigh, iou);
                }
                else if (iou >= _rules.LowScoreMinIou)
                {
                    bestLow = Math.Max(bestLow, iou);
                }
            }
            if (bestLow > bestHigh + margin)
            {
                _waiting.Add(track);
            }
        }
    }

    /// <param name="sittingOut">Unmatched tracks not offered to this pass.</param>
    private void Associate(IReadOnlyList<DetectedFace> detections, Track?[] trackOfDetection, List<Track> unmatched, List<Track> sittingOut, DateTimeOffset frameTime, bool highScore)
    {
        var candidates = new List<int>();
        for (var d = 0; d < detections.Count; d++)
        {
            if (detections[d].IsHighScore == highScore && trackOfDetection[d] is null)
            {
                candidates.Add(d);
            }
        }
        var offered = sittingOut.Count == 0 ? unmatched : [.. unmatched.Except(sittingOut)];
        if (candidates.Count == 0 || offered.Count == 0)
        {
            return;
        }
        // Rented: with a crowd (150 tracks x 150 faces) the matrix is a large object (180 KB) per
        // frame, which only a full collection frees; the pool hands the same one back each frame.
        var size = offered.Count * candidates.Count;
        var rented = ArrayPool<double>.Shared.Rent(size);
        var cost = rented.AsSpan(0, size);
        var minIou = highScore ? _rules.HighScoreMinIou : _rules.LowScoreMinIou;
        for (var t = 0; t < offered.Count; t++)
        {
            for (var c = 0; c < candidates.Count; c++)
            {
                cost[(t * candidates.Count) + c] = PairCost(offered[t], detections[candidates[c]].Box, frameTime, minIou);
            }
        }
        var assignment = MinimumCostAssignment.Solve(cost, offered.Count, candidates.Count);
        ArrayPool<double>.Shared.Return(rented);
        var matched = new List<Track>();
        for (var t = 0; t < assignment.Length; t++)
        {
            if (assignment[t] >= 0)
            {
                trackOfDetection[candidates[assignment[t]]] = offered[t];
                matched.Add(offered[t]);
            }
        }
        unmatched.RemoveAll(matched.Contains);
    }

    /// <summary>The confirmed tracks still unmatched against the detections still free, by IoU with
    /// the box each track was last sighted at (<see cref="TrackRules.RecoverByLastSighting"/>).</summary>
    private void RecoverByLastSighting(IReadOnlyList<DetectedFace> detections, Track?[] trackOfDetection, List<Track> unmatched)
    {
        var candidates = Enumerable.Range(0, detections.Count).Where(d => trackOfDetection[d] is null).ToList();
        var offered = unmatched.Where(t => t.Confirmed).ToList();
        if (candidates.Count == 0 || offered.Count == 0)
        {
            return;
        }
        var cost = new double[offered.Count * candidates.Count];
        for (var t = 0; t < offered.Count; t++)
        {
            for (var c = 0; c < candidates.Count; c++)
            {
                var detection = detections[candidates[c]];
                var iou = NonMaximumSuppression.IntersectionOverUnion(offered[t].LastBox, detection.Box);
                var minIou = detection.IsHighScore ? _rules.HighScoreMinIou : _rules.LowScoreMinIou;
                cost[(t * candidates.Count) + c] = iou >= minIou ? 1 - iou : double.PositiveInfinity;
            }
        }
        var assignment = MinimumCostAssignment.Solve(cost, offered.Count, candidates.Count);
        for (var t = 0; t < assignment.Length; t++)
        {
            if (assignment[t] >= 0)
            {
                trackOfDetection[candidates[assignment[t]]] = offered[t];
                unmatched.Remove(offered[t]);
            }
        }
    }

    /// <summary>1 - IoU for overlapping boxes; beyond that 1 + the centre distance in face sizes
    /// within the gate; infinite (no match) otherwise.</summary>
    private double PairCost(Track track, FaceBox detection, DateTimeOffset frameTime, double minIou)
    {
        var predicted = track.Filter.Box;
        var penalty = track.Confirmed ? 0 : TentativePenalty;
        var iou = NonMaximumSuppression.IntersectionOverUnion(predicted, detection);
        if (iou >= minIou)
        {
            return 1 - iou + penalty;
        }
        if (!_rules.MatchByCentreDistance)
        {
            return double.PositiveInfinity;
        }
        var ratio = detection.Height / predicted.Height;
        if (ratio > MaxSizeRatio || ratio < 1 / MaxSizeRatio)
        {
            return double.PositiveInfinity;
        }
        var size = Math.Sqrt(predicted.Width * predicted.Height);
        var dx = (detection.X + (detection.Width / 2)) - (predicted.X + (predicted.Width / 2));
        var dy = (detection.Y + (detection.Height / 2)) - (predicted.Y + (predicted.Height / 2));
        var distance = Math.Sqrt((dx * dx) + (dy * dy)) / size;
        var gate = Math.Min(MaxCentreGate, CentreGate + (CentreGatePerSecondUnseen * track.SecondsUnseen(frameTime)));
        return distance <= gate ? 1 + distance + penalty : double.PositiveInfinity;
    }
}
