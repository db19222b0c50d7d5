namespace EdgeEmotion.Daemon.Tracking;

/// <summary>
/// How <see cref="FaceTracker"/> pairs tracks with detections and how long it keeps a track
/// unseen. Faces follow ByteTrack's two passes with the departures <see cref="FaceTracker"/>
/// names (<see cref="Faces"/>); bodies, found a few times a second and often hidden behind one
/// another, have rules of their own (<see cref="Bodies"/>).
/// </summary>
internal sealed record TrackRules
{
    /// <summary>Tuned on the synthetic walks (<c>SyntheticRun</c>, IDF1).</summary>
    public static TrackRules Faces { get; } = new();

    /// <summary>
    /// Chosen on the store aisle (bench <c>people-frames</c> and <c>people-tracks</c>, README "People"),
    /// from each of the four frames the stage can start on: a shopper hidden behind a newcomer scores
    /// 0.30-0.39 or is found in no run, while the newcomer's high-score box overlaps her track by IoU
    /// 0.26-0.4; a body's own box overlaps its track's by 0.5 or more at 3 runs a second (the walking
    /// pair too). So a high-score box needs IoU 0.45 with a track, as a low-score one 0.4, and no
    /// centre-distance match: that let a lost track jump a body's width onto a shelf's low-score
    /// box. Where a low-score box fits a track clearly better than any high-score box, the track
    /// waits for it. A tentative track is confirmed by high-score boxes alone (boxes spanning two
    /// shoppers or a shelf, scored 0.3-0.4, confirmed tracks of their own). Hidden further, she is
    /// found in no run for 2.0-2.3 s (6-7 periods at 3 frames/s): her track keeps its size
    /// meanwhile (it had learnt to shrink as she was covered), lasts 9 periods, and is found again
    /// where she was last sighted, not where its prediction drifted.
    /// </summary>
    public static TrackRules Bodies { get; } = new()
    {
        HighScoreMinIou = 0.45,
        MatchByCentreDistance = false,
        TentativeTakesLowScore = false,
        RecoverByLastSighting = true,
        LowScoreWinsBy = 0.2,
        KeepSizeWhileUnseen = true,
        LostPeriods = 9,
    };

    /// <summary>Boxes overlapping this much are the same face whatever the distance gate says
    /// (ByteTrack's 0.8 cost threshold: IoU 0.2 for high-score detections, 0.5 for low-score ones).</summary>
    public double HighScoreMinIou { get; init; } = 0.2;

    /// <inheritdoc cref="HighScoreMinIou"/>
    public double LowScoreMinIou { get; init; } = 0.4;

    /// <summary>Null: a track goes to the first pass (high-score detections). A value: a track that
    /// a low-score detection overlaps by at least <see cref="LowScoreMinIou"/> and by this much more
    /// than any high-score detection does sits the first pass out and takes the low-score one.</summary>
    public double? LowScoreWinsBy { get; init; }

    /// <summary>A track not seen in a frame stops growing or shrinking until it is seen again
    /// (ByteTrack zeroes a lost track's height velocity): otherwise a person hidden for seconds is
    /// predicted ever smaller or larger, until only a part of her (a head above the occluder)
    /// or someone else's box fits the prediction.</summary>
    public bool KeepSizeWhileUnseen { get; init; }

    /// <summary>True: a pair also matches by the distance between the centres when the boxes do
    /// not overlap enough (a face walking up at 5 frames/s grows out of its box). False: by IoU
    /// alone, as ByteTrack.</summary>
    public bool MatchByCentreDistance { get; init; } = true;

    /// <summary>True: tentative tracks take low-score detections too (see <see cref="FaceTracker"/>).
    /// False: only high-score ones confirm a track, as in ByteTrack.</summary>
    public bool TentativeTakesLowScore { get; init; } = true;

    /// <summary>Confirmed tracks left over after both passes are matched once more to the detections
    /// left over, by IoU (the pass's bound by score) with the box each track was last sighted at
    /// instead of its prediction (OC-SORT's observation-centric recovery): a prediction drifts
    /// while its person is hidden, the place she was last seen does not.</summary>
    public bool RecoverByLastSighting { get; init; }

    /// <summary>Detection periods unseen after which a track ends, at the rate the tracker is
    /// given (<see cref="ForRate"/>), but never sooner than <c>Tracking:LostSeconds</c>; null:
    /// <c>Tracking:LostSeconds</c>.</summary>
    public int? LostPeriods { get; init; }

    /// <summary>Detections per second; with <see cref="LostPeriods"/> sets the lost time.</summary>
    public double? Rate { get; init; }

    /// <summary>These rules for detections at <paramref name="perSecond"/>.</summary>
    public TrackRules ForRate(double perSecond) => this with { Rate = perSecond };

    /// <summary>Seconds unseen after which a track ends.</summary>
    public double LostSeconds(double trackingLostSeconds) =>
        LostPeriods is { } periods && Rate is { } rate ? Math.Max(trackingLostSeconds, periods / rate) : trackingLostSeconds;
}
