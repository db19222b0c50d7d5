namespace EdgeEmotion.Collector.Reports;

/// <summary>Sums a period's hourly rollups into local buckets and a total: counts and seconds
/// add up, means are sums over counts, medians come from the summed histograms (read within
/// their bins, <see cref="DurationBins"/>), and
/// <c>windows_expected</c> is what the devices in scope would have sent in the time they
/// existed (from their first window to now), so a device that was off shows as missing windows.</summary>
public sealed class SummaryBuilder(BucketCalendar calendar)
{
    public Summary Build(SummaryQuery query, IReadOnlyList<HourRow> hours, IReadOnlyList<HistogramRow> histograms, IReadOnlyList<CoverageRow> devices, DateTimeOffset now)
    {
        // Sorted by hour once, so each bucket takes its rows by binary search: filtering every row
        // per bucket cost 720 × 58,000 comparisons for 30 days of hourly fleet buckets.
        var sortedHours = hours.OrderBy(h => h.Hour).ToArray();
        var sortedHistograms = histograms.OrderBy(h => h.Hour).ToArray();
        var buckets = calendar.Buckets(query.From, query.To, query.Size)
            .Select(b => new Bucket(Max(b.Start, query.From), Min(b.End, query.To)))
            .Select(b => Sum(b, sortedHours, sortedHistograms, devices, now))
            .ToList();
        var total = Sum(new Bucket(query.From, query.To), sortedHours, sortedHistograms, devices, now);
        return new Summary(calendar.Local(query.From), calendar.Local(query.To), query.Size.ToString().ToLowerInvariant(), calendar.Zone.Id,
            query.Device, query.Site, buckets, total);
    }

    /// <summary>The whole period as one bucket: a comparison's side.</summary>
    public SummaryBucket Total(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<HourRow> hours, IReadOnlyList<HistogramRow> histograms, IReadOnlyList<CoverageRow> devices, DateTimeOffset now) =>
        Sum(new Bucket(from, to), [.. hours.OrderBy(h => h.Hour)], [.. histograms.OrderBy(h => h.Hour)], devices, now);

    private SummaryBucket Sum(Bucket bucket, HourRow[] allHours, HistogramRow[] allHistograms, IReadOnlyList<CoverageRow> devices, DateTimeOffset now)
    {
        var hours = Within(allHours, h => h.Hour, bucket);
        var histograms = PerMetric(Within(allHistograms, h => h.Hour, bucket));
        var labels = EmotionLabelsInOrder;
        var visits = hours.Sum(h => h.Visits);
        return new SummaryBucket(
            calendar.Local(bucket.Start),
            calendar.Local(bucket.End),
            visits,
            hours.Sum(h => h.Watchers),
            Stats(hours.Sum(h => h.DwellSum), visits, histograms, HourlyRollup.DwellMetric),
            Stats(hours.Sum(h => h.AttentionSum), visits, histograms, HourlyRollup.AttentionMetric),
            PerEmotion(labels, i => hours.Sum(h => h.VisitEmotions[i])),
            PerEmotion(labels, i => Math.Round(hours.Sum(h => h.EmotionSeconds[i]), 3)),
            new FaceFrames(hours.Sum(h => h.Frames), hours.Sum(h => h.Faces), PerEmotion(labels, i => hours.Sum(h => h.FaceFrames[i]))),
            hours.Sum(h => h.Windows),
            devices.Sum(d => Expected(bucket, d, now)),
            FaceTime(hours.Sum(h => h.FaceVisits), hours.Sum(h => h.FaceSum), histograms));
    }

    private static FaceTimeStats FaceTime(long visits, double sum, long[][] histograms)
    {
        var stats = Stats(sum, visits, histograms, HourlyRollup.FaceMetric);
        return new FaceTimeStats(visits, stats.Mean, stats.Median);
    }

    private static IReadOnlyList<string> EmotionLabelsInOrder => EdgeEmotion.Contracts.EmotionLabels.Names;

    private static DurationStats Stats(double sum, long count, long[][] histograms, int metric) =>
        count == 0
            ? new DurationStats(null, null)
            : new DurationStats(Math.Round(sum / count, 3), DurationBins.Sample(histograms[metric]).Median is { } m ? Math.Round(m, 3) : null);

    /// <summary>A bucket's histogram rows summed per metric and bin in one pass (a LINQ filter
    /// and grouping per metric and bucket was a third of a 30-day hourly summary's CPU).</summary>
    private static long[][] PerMetric(ArraySegment<HistogramRow> rows)
    {
        long[][] perMetric = [new long[DurationHistogram.Bins], new long[DurationHistogram.Bins], new long[DurationHistogram.Bins]];
        foreach (var row in rows)
        {
            perMetric[row.Metric][row.Bin] += row.Count;
        }
        return perMetric;
    }

    private static long Expected(Bucket bucket, CoverageRow device, DateTimeOffset now)
    {
        var start = Max(bucket.Start, device.First);
        var end = Min(bucket.End, now);
        return end <= start ? 0 : (long)Math.Round((end - start) / device.Window);
    }

    private static Dictionary<string, T> PerEmotion<T>(IReadOnlyList<string> labels, Func<int, T> value) =>
        labels.Select((label, i) => (label, value(i))).ToDictionary(p => p.label, p => p.Item2);

    /// <summary>The rows (sorted by hour) whose hour starts in the bucket.</summary>
    private static ArraySegment<T> Within<T>(T[] sorted, Func<T, DateTimeOffset> hour, Bucket bucket)
    {
        var first = FirstAtOrAfter(sorted, hour, bucket.Start);
        return new ArraySegment<T>(sorted, first, FirstAtOrAfter(sorted, hour, bucket.End) - first);
    }

    private static int FirstAtOrAfter<T>(T[] sorted, Func<T, DateTimeOffset> hour, DateTimeOffset time)
    {
        var (low, high) = (0, sorted.Length);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = hour(sorted[middle]) < time ? (middle + 1, high) : (low, middle);
        }
        return low;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
