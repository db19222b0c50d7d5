namespace EdgeEmotion.Collector.Storage;

/// <summary>A batch's additions to the hourly rollups (per device and the hour of the
/// database's <see cref="HourGrid"/> a window or visit starts in, and per hour for the whole fleet), to the visits' dwell, attention and face
/// time histograms (per device, and per hour for the whole fleet), and to the devices' rows,
/// summed in memory and written once per row: upserts that add, so two collectors adding to
/// one hour never lose each other's counts.</summary>
internal sealed class HourlyRollup(HourGrid grid)
{
    public const int DwellMetric = 0;
    public const int AttentionMetric = 1;
    public const int FaceMetric = 2;
    private static readonly string HourSql =
        $"""
        INSERT INTO hourly (device, hour_ms, site, {RollupColumns.List}, {VisitMoments.Columns})
        VALUES (@d, @h, @site, {RollupColumns.ParameterList}, {VisitMoments.ParameterList})
        ON CONFLICT (device, hour_ms) DO UPDATE SET site = COALESCE(excluded.site, hourly.site),
            {RollupColumns.AddExcluded("hourly")}, {VisitMoments.AddExcluded}
        """;

    private static readonly string FleetHourSql =
        $"""
        INSERT INTO hourly_fleet (hour_ms, {RollupColumns.List}) VALUES (@h, {RollupColumns.ParameterList})
        ON CONFLICT (hour_ms) DO UPDATE SET {RollupColumns.AddExcluded("hourly_fleet")}
        """;

    private const string HistogramSql =
        """
        INSERT INTO hourly_histograms (device, hour_ms, metric, bin, count) VALUES (@d, @h, @m, @b, @n)
        ON CONFLICT (device, hour_ms, metric, bin) DO UPDATE SET count = hourly_histograms.count + excluded.count
        """;

    private const string FleetHistogramSql =
        """
        INSERT INTO hourly_fleet_histograms (hour_ms, metric, bin, count) VALUES (@h, @m, @b, @n)
        ON CONFLICT (hour_ms, metric, bin) DO UPDATE SET count = hourly_fleet_histograms.count + excluded.count
        """;

    // PostgreSQL: a batch's bins as one statement of column arrays (unnest), the same text for
    // any number of rows, so it is prepared once; one statement a bin was most of a batch's.
    private const string HistogramArraysSql =
        """
        INSERT INTO hourly_histograms (device, hour_ms, metric, bin, count) SELECT * FROM unnest(@d, @h, @m, @b, @n)
        ON CONFLICT (device, hour_ms, metric, bin) DO UPDATE SET count = hourly_histograms.count + excluded.count
        """;

    private const string FleetHistogramArraysSql =
        """
        INSERT INTO hourly_fleet_histograms (hour_ms, metric, bin, count) SELECT * FROM unnest(@h, @m, @b, @n)
        ON CONFLICT (hour_ms, metric, bin) DO UPDATE SET count = hourly_fleet_histograms.count + excluded.count
        """;

    private readonly Dictionary<(string Device, long Hour), Hour> _hours = [];
    private readonly Dictionary<(string Device, long Hour, int Metric, int Bin), long> _bins = [];
    private readonly Dictionary<string, Seen> _devices = new(StringComparer.Ordinal);

    private long HourOf(DateTimeOffset time) => grid.Floor(time.ToUnixTimeMilliseconds());

    public void Add(WindowRecord w)
    {
        HourFor(w.Device, HourOf(w.Start), w.Site).Sums.Add(w);
        var seen = See(w.Device, w.Site, w.Start, w.End);
        if (WholeLength(w) is { } length && (seen.Window is null || w.Seq > seen.Window.Seq))
        {
            seen.Window = new WindowLength(length, w.Seq, w.Start.ToUnixTimeMilliseconds());
        }
    }

    /// <summary>The window's length if it may be a whole window, else null. Daemons end windows at
    /// multiples of their length since the epoch, so a whole one starts on a multiple of its length;
    /// the first after a start and the last at a stop are cut short at that moment, and taken as the
    /// device's length they would make coverage expect windows a fraction as long. A cut one can
    /// still start on a multiple of its own length (the last, cut at 400 ms, of 1 s windows starting
    /// on an even second), so a shorter length than the device's is taken only from a window whose
    /// predecessor is as long and ends where it starts (<see cref="DeviceRows"/>): a cut window
    /// follows a longer one or none, a shorter setting gives two whole windows in a row.</summary>
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
        hour.Sums.Add(v);
        hour.Moments.Add(v);
        Count((v.Device, key, DwellMetric, DurationHistogram.Bin(v.DwellSeconds)));
        Count((v.Device, key, AttentionMetric, DurationHistogram.Bin(v.AttentionSeconds)));
        if (v.FaceSeconds is { } face)
        {
            Count((v.Device, key, FaceMetric, DurationHistogram.Bin(face)));
        }
        See(v.Device, v.Site, v.Start, v.End);
    }

    /// <summary>A device heard from without a window or visit (stats): only its site.</summary>
    public void See(string device, string? site) => See(device, site, null, null);

    /// <param name="arrays">Whether the database takes a column of values as one array
    /// parameter (<see cref="SqlDialect.BindsArrays"/>).</param>
    public void Save(StatementBatch writes, bool arrays)
    {
        foreach (var ((device, hourMs), h) in _hours)
        {
            writes.Add(HourSql, [("d", device), ("h", hourMs), ("site", h.Site), .. h.Sums.Parameters(), .. h.Moments.Parameters()]);
        }
        var bins = _bins.ToArray();
        if (arrays && bins.Length > 0)
        {
            writes.Add(HistogramArraysSql, ("d", bins.Select(b => b.Key.Device).ToArray()), ("h", bins.Select(b => b.Key.Hour).ToArray()),
                ("m", bins.Select(b => (short)b.Key.Metric).ToArray()), ("b", bins.Select(b => (short)b.Key.Bin).ToArray()), ("n", bins.Select(b => b.Value).ToArray()));
        }
        else
        {
            foreach (var ((device, hourMs, metric, bin), count) in bins)
            {
                writes.Add(HistogramSql, ("d", device), ("h", hourMs), ("m", (short)metric), ("b", (short)bin), ("n", count));
            }
        }
        // In one order for every collector: these rows are every device's, so two collectors
        // whose batches share no device meet here, and locks taken in one order cannot deadlock.
        // The fleet's hours, then its bins, each in hour order (the same for every collector).
        foreach (var fleetHour in _hours.GroupBy(h => h.Key.Hour, h => h.Value.Sums).OrderBy(g => g.Key))
        {
            writes.Add(FleetHourSql, [("h", fleetHour.Key), .. RollupSums.Total(fleetHour).Parameters()]);
        }
        var fleetBins = bins.GroupBy(b => (b.Key.Hour, b.Key.Metric, b.Key.Bin), b => b.Value).Select(g => (Key: g.Key, Count: g.Sum())).Order().ToArray();
        if (arrays && fleetBins.Length > 0)
        {
            writes.Add(FleetHistogramArraysSql, ("h", fleetBins.Select(b => b.Key.Hour).ToArray()), ("m", fleetBins.Select(b => (short)b.Key.Metric).ToArray()),
                ("b", fleetBins.Select(b => (short)b.Key.Bin).ToArray()), ("n", fleetBins.Select(b => b.Count).ToArray()));
        }
        else
        {
            foreach (var ((hourMs, metric, bin), count) in fleetBins)
            {
                writes.Add(FleetHistogramSql, ("h", hourMs), ("m", (short)metric), ("b", (short)bin), ("n", count));
            }
        }
        foreach (var (device, seen) in _devices)
        {
            DeviceRows.Seen(writes, device, seen.Site, seen.First, seen.Last, seen.Window);
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

    private Seen See(string device, string? site, DateTimeOffset? first, DateTimeOffset? last)
    {
        if (!_devices.TryGetValue(device, out var seen))
        {
            _devices[device] = seen = new Seen();
        }
        seen.Site = site ?? seen.Site;
        seen.First = first is { } f && (seen.First is null || f < seen.First) ? f : seen.First;
        seen.Last = last is { } l && (seen.Last is null || l > seen.Last) ? l : seen.Last;
        return seen;
    }

    private sealed class Hour
    {
        public string? Site { get; set; }
        public RollupSums Sums { get; } = new();
        public VisitMoments Moments { get; } = new();
    }

    private sealed class Seen
    {
        public string? Site { get; set; }
        public DateTimeOffset? First { get; set; }
        public DateTimeOffset? Last { get; set; }
        /// <summary>The whole-looking window of the batch with the highest seq.</summary>
        public WindowLength? Window { get; set; }
    }
}
