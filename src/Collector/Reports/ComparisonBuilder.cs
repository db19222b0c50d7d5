using EdgeEmotion.Collector.Statistics;
using EdgeEmotion.Contracts;

namespace EdgeEmotion.Collector.Reports;

/// <summary>
/// Compares two periods measure by measure, each with the interval its kind calls for (README:
/// Compare): shares of visits by Newcombe's hybrid score interval, face-time shares by the delta
/// method, means by Welch, medians by Price–Bonett from the duration histograms, visits per hour
/// of coverage by Garwood's exact limits combined by MOVER.
/// </summary>
public static class ComparisonBuilder
{
    public const double Confidence = 0.95;

    public static Comparison Build(ComparedPeriod a, ComparedPeriod b)
    {
        var labels = EmotionLabels.Names;
        var rows = new List<MeasureDifference>
        {
            Share("look_rate", a.Total.Watchers, a.Total.Visits, b.Total.Watchers, b.Total.Visits),
        };
        rows.AddRange(labels.Select(l => Share($"emotion_share.{l}", a.Total.Emotions[l], a.Total.Emotions.Values.Sum(), b.Total.Emotions[l], b.Total.Emotions.Values.Sum())));
        rows.AddRange(labels.Select((l, i) => FaceTimeShare($"face_time_share.{l}", a.Moments, b.Moments, i)));
        rows.Add(Mean("dwell_s.mean", Dwell(a.Moments), Dwell(b.Moments), a.Moments.Complete && b.Moments.Complete));
        rows.Add(Median("dwell_s.median", a.Dwell, b.Dwell));
        rows.Add(Mean("attention_s.mean", Attention(a.Moments), Attention(b.Moments), a.Moments.Complete && b.Moments.Complete));
        rows.Add(Median("attention_s.median", a.Attention, b.Attention));
        rows.Add(Rate("visits_per_hour", a.Moments, b.Moments));
        return new Comparison(Confidence, rows);
    }

    private static MeasureDifference Share(string measure, long a, long na, long b, long nb)
    {
        var interval = na > 0 && nb > 0 ? NewcombeDifference.Of(a, na, b, nb, Confidence) : (Interval?)null;
        return Row(measure, "share", na > 0 ? (double)a / na : null, nb > 0 ? (double)b / nb : null, interval, "newcombe", na, nb);
    }

    private static MeasureDifference FaceTimeShare(string measure, PeriodMoments a, PeriodMoments b, int emotion)
    {
        var (sa, sb) = (RatioSums(a, emotion), RatioSums(b, emotion));
        var interval = a.Complete && b.Complete ? RatioShareDifference.Of(sa, sb, Confidence) : null;
        return Row(measure, "share", sa.SumY > 0 ? sa.SumX / sa.SumY : null, sb.SumY > 0 ? sb.SumX / sb.SumY : null, interval, "delta", a.Visits, b.Visits);
    }

    private static MeasureDifference Mean(string measure, Moments a, Moments b, bool complete)
    {
        var interval = complete ? WelchDifference.Of(a, b, Confidence)?.Interval : null;
        return Row(measure, "mean", a.Count > 0 ? a.Mean : null, b.Count > 0 ? b.Mean : null, interval, "welch", a.Count, b.Count);
    }

    private static MeasureDifference Median(string measure, BinnedSample a, BinnedSample b) =>
        Row(measure, "median", a.Median, b.Median, MedianDifference.Of(a, b, Confidence), "price-bonett", a.Count, b.Count);

    private static MeasureDifference Rate(string measure, PeriodMoments a, PeriodMoments b)
    {
        var (ha, hb) = (a.Covered.TotalHours, b.Covered.TotalHours);
        var interval = ha > 0 && hb > 0 ? PoissonRateDifference.Of(a.Visits, ha, b.Visits, hb, Confidence) : (Interval?)null;
        return Row(measure, "rate", ha > 0 ? a.Visits / ha : null, hb > 0 ? b.Visits / hb : null, interval, "poisson", a.Visits, b.Visits);
    }

    private static MeasureDifference Row(string measure, string kind, double? a, double? b, Interval? interval, string method, long na, long nb) =>
        new(measure, kind, Round(a), Round(b), a is { } x && b is { } y ? Round(x - y) : null, Round(interval?.Low), Round(interval?.High), method,
            interval?.Contains(0), na, nb);

    private static Moments Dwell(PeriodMoments m) => new(m.Visits, m.DwellSum, m.DwellSquares);

    private static Moments Attention(PeriodMoments m) => new(m.Visits, m.AttentionSum, m.AttentionSquares);

    private static RatioSums RatioSums(PeriodMoments m, int emotion) =>
        new(m.MomentVisits, m.EmotionSeconds[emotion], m.EmotionSeconds.Sum(), m.EmotionSquares[emotion], m.EmotionCross[emotion], m.EmotionTotalSquares);

    /// <summary>Six decimals: a share to 0.0001 %, seconds to the microsecond; the rest is noise of the sums.</summary>
    private static double? Round(double? value) => value is { } v ? Math.Round(v, 6) : null;
}

/// <summary>One side of a comparison: its summary total, sums of squares and coverage, and its
/// dwell and attention histograms.</summary>
public sealed record ComparedPeriod(SummaryBucket Total, PeriodMoments Moments, BinnedSample Dwell, BinnedSample Attention);
