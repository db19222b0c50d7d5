using System.Data.Common;

namespace EdgeEmotion.Collector.Storage;

/// <summary>A batch's additions to the hourly rollups (per device and the UTC hour a window or
/// visit starts in), to the visits' dwell and attention histograms, and to the devices' rows,
/// summed in memory and written once per row: upserts that add, so two collectors adding to
/// one hour never lose each other's counts.</summary>
internal sealed class HourlyRollup
{
    public const int DwellMetric = 0;
    public const int AttentionMetric = 1;
    private const long HourMs = 3_600_000;

    private static readonly string HourSql =
        $"""
        INSERT INTO hourly (device, hour_ms, site, windows, frames, faces, {EmotionColumns.List("ff")}, visits, watchers, dwell_sum, attention_sum,
            {EmotionColumns.List("ve")}, {EmotionColumns.List("es")}, {VisitMoments.Columns})
        VALUES (@d, @h, @site, @windows, @frames, @faces, {EmotionColumns.ParameterList("ff")}, @visits, @watchers, @dwell, @attention,
            {EmotionColumns.ParameterList("ve")}, {EmotionColumns.ParameterList("es")}, {VisitMoments.ParameterList})
        ON CONFLICT (device, hour_ms) DO UPDATE SET site = COALESCE(excluded.site, hourly.site),
            windows = hourly.windows + excluded.windows, frames = hourly.frames + excluded.frames, faces = hourly.faces + excluded.faces,
            visits = hourly.visits + excluded.visits, watchers = hourly.watchers + excluded.watchers,
            dwell_sum = hourly.dwell_sum + excluded.dwell_sum, attention_sum = hourly.attention_sum + excluded.attention_sum,
            {EmotionColumns.AddExcluded("ff", "hourly")}, {EmotionColumns.AddExcluded("ve", "hourly")}, {EmotionColumns.AddExcluded("es", "hourly")},
            {VisitMoments.AddExcluded}
        """;

    private const string HistogramSql =
        """
        INSERT INTO hourly_histograms (device, hour_ms, metric, bin, count) VALUES (@d, @h, @m, @b, @n)
        ON CONFLICT (device, hour_ms, metric, bin) DO UPDATE SET count = hourly_histograms.count + excluded.count
        """;

    private readonly Dictionary<(string Device, long Hour), Hour> _hours = [];
    private readonly Dictionary<(string Device, long Hour, int Metric, int Bin), long> _bins = [];
    private readonly Dictionary<string, Seen> _devices = new(StringComparer.Ordinal);

    public static long HourOf(DateTimeOffset time)
    {
        var ms = time.ToUnixTimeMilliseconds();
        return ms - (((ms % HourMs) + HourMs) % HourMs);
    }

    public void Add(WindowRecord w)
    {
        var hour = HourFor(w.Device, HourOf(w.Start), w.Site);
        hour.Windows++;
        hour.Frames += w.Frames;
        hour.Faces += w.Faces;
        for (var i = 0; i < EmotionColumns.Count; i++)
        {
            hour.FaceFrames[i] += w.FaceFrames[i];
        }
        See(w.Device, w.Site, w.Start, w.End, WholeLength(w));
    }

    /// <summary>The window's length if it is a whole window, else null. Daemons end windows at
    /// multiples of their length since the epoch, so a whole one starts on a multiple of its length;
    /// the first after a start and the last at a stop are cut short at that moment, and taken as the
    /// device's length they would make coverage expect windows a fraction as long.</summary>
    private static long? WholeLength(WindowRecord w)
    {
        var start = w.Start.ToUnixTimeMilliseconds();
        var length = w.End.ToUnixTimeMilliseconds() - start;
        return length > 0 && start % length == 0 ? length : null;
    }

    public void Add(VisitRecord v)
    {
        var key = HourOf(v.Start);
        var hour = HourFor(v.Device, key, v.Site);
        hour.Visits++;
        hour.Watchers += v.Watcher ? 1 : 0;
        hour.DwellSum += v.DwellSeconds;
        hour.AttentionSum += v.AttentionSeconds;
        if (v.Emotion is { } e)
        {
            hour.VisitEmotions[e]++;
        }
        for (var i = 0; i < EmotionColumns.Count; i++)
        {
            hour.EmotionSeconds[i] += v.EmotionSeconds[i];
        }
        hour.Moments.Add(v);
        Count((v.Device, key, DwellMetric, DurationHistogram.Bin(v.DwellSeconds)));
        Count((v.Device, key, AttentionMetric, DurationHistogram.Bin(v.AttentionSeconds)));
        See(v.Device, v.Site, v.Start, v.End, null);
    }

    /// <summary>A device heard from without a window or visit (stats): only its site.</summary>
    public void See(string device, string? site) => See(device, site, null, null, null);

    public async Task SaveAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancel)
    {
        foreach (var ((device, hourMs), h) in _hours)
        {
            await connection.ExecuteAsync(transaction, HourSql, cancel,
            [
                ("d", device), ("h", hourMs), ("site", h.Site), ("windows", h.Windows), ("frames", h.Frames), ("faces", h.Faces),
                .. EmotionColumns.Parameters("ff", h.FaceFrames), ("visits", h.Visits), ("watchers", h.Watchers), ("dwell", h.DwellSum), ("attention", h.AttentionSum),
                .. EmotionColumns.Parameters("ve", h.VisitEmotions), .. EmotionColumns.Parameters("es", h.EmotionSeconds),
                .. h.Moments.Parameters(),
            ]);
        }
        foreach (var ((device, hourMs, metric, bin), count) in _bins)
        {
            await connection.ExecuteAsync(transaction, HistogramSql, cancel,
                ("d", device), ("h", hourMs), ("m", (short)metric), ("b", (short)bin), ("n", count));
        }
        foreach (var (device, seen) in _devices)
        {
            await DeviceRows.SeenAsync(connection, transaction, device, seen.Site, seen.First, seen.Last, seen.WindowMs, cancel);
        }
    }

    private Hour HourFor(string device, long hourMs, string? site)
    {
        if (!_hours.TryGetValue((device, hourMs), out var hour))
        {
            _hours[(device, hourMs)] = hour = new Hour();
        }
        hour.Site = site ?? hour.Site;
        return hour;
    }

    private void Count((string, long, int, int) bin) => _bins[bin] = _bins.GetValueOrDefault(bin) + 1;

    private void See(string device, string? site, DateTimeOffset? first, DateTimeOffset? last, long? windowMs)
    {
        if (!_devices.TryGetValue(device, out var seen))
        {
            _devices[device] = seen = new Seen();
        }
        seen.Site = site ?? seen.Site;
        seen.First = first is { } f && (seen.First is null || f < seen.First) ? f : seen.First;
        seen.Last = last is { } l && (seen.Last is null || l > seen.Last) ? l : seen.Last;
        seen.WindowMs = windowMs ?? seen.WindowMs;
    }

    private sealed class Hour
    {
        public string? Site { get; set; }
        public long Windows { get; set; }
        public long Frames { get; set; }
        public long Faces { get; set; }
        public long[] FaceFrames { get; } = new long[EmotionColumns.Count];
        public long Visits { get; set; }
        public long Watchers { get; set; }
        public double DwellSum { get; set; }
        public double AttentionSum { get; set; }
        public long[] VisitEmotions { get; } = new long[EmotionColumns.Count];
        public double[] EmotionSeconds { get; } = new double[EmotionColumns.Count];
        public VisitMoments Moments { get; } = new();
    }

    private sealed class Seen
    {
        public string? Site { get; set; }
        public DateTimeOffset? First { get; set; }
        public DateTimeOffset? Last { get; set; }
        public long? WindowMs { get; set; }
    }
}
