using EdgeEmotion.Contracts;
using Prometheus;

namespace EdgeEmotion.Collector.Metrics;

/// <summary>
/// Counters of what this collector stored since it started, per device and site, for
/// Prometheus (and so Grafana): visits by emotion, watchers, dwell and attention seconds, windows,
/// analysed frames and face-frames by emotion; and gauges of each device's health as its last
/// status and stats messages give it (online, frames per second, windows waiting, resident
/// memory, uptime). Counted from the store's commits
/// (<see cref="CollectorStore.Stored"/>), so a redelivered message counts once and a batch that
/// rolled back not at all; collectors sharing a database each count what they stored, so their
/// sums add up. A restart starts the counters at zero, which Prometheus's <c>increase()</c> and
/// <c>rate()</c> take as a reset. prometheus-net writes the text format, in a registry of the
/// collector's own (its default one is process-wide).
/// </summary>
public sealed class FleetMetrics
{
    private const string NoEmotion = "none";
    private static readonly string[] DeviceLabels = ["device", "site"];
    private static readonly string[] EmotionLabelNames = ["device", "site", "emotion"];

    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly Counter _visits;
    private readonly Counter _watchers;
    private readonly Counter _dwell;
    private readonly Counter _attention;
    private readonly Counter _windows;
    private readonly Counter _frames;
    private readonly Counter _faceFrames;
    private readonly Gauge _online;
    private readonly Gauge _fps;
    private readonly Gauge _pendingWindows;
    private readonly Gauge _residentMemory;
    private readonly Gauge _uptime;

    public FleetMetrics()
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(_registry);
        _visits = factory.CreateCounter("edgeemotion_visits_total", "Visits stored, by the emotion of each (none: the face was never classified).", EmotionLabelNames);
        _watchers = factory.CreateCounter("edgeemotion_watchers_total", "Visits stored whose visitor looked (the contract's looked, or attention of 1 s from devices without it).", DeviceLabels);
        _dwell = factory.CreateCounter("edgeemotion_visit_dwell_seconds_total", "Dwell seconds of the visits stored.", DeviceLabels);
        _attention = factory.CreateCounter("edgeemotion_visit_attention_seconds_total", "Attention seconds of the visits stored.", DeviceLabels);
        _windows = factory.CreateCounter("edgeemotion_windows_total", "Aggregation windows stored.", DeviceLabels);
        _frames = factory.CreateCounter("edgeemotion_window_frames_total", "Frames analysed in the windows stored.", DeviceLabels);
        _faceFrames = factory.CreateCounter("edgeemotion_face_frames_total", "Classified face-frames in the windows stored, by emotion (argmax).", EmotionLabelNames);
        _online = factory.CreateGauge("edgeemotion_device_online", "1 while the device's last status is online, 0 after offline (its stop, or its last will).", "device");
        _fps = factory.CreateGauge("edgeemotion_device_frames_per_second", "Frames analysed per second, from the device's last stats.", DeviceLabels);
        _pendingWindows = factory.CreateGauge("edgeemotion_device_pending_windows", "Windows waiting on the device for the broker, from its last stats.", DeviceLabels);
        _residentMemory = factory.CreateGauge("edgeemotion_device_resident_memory_bytes", "The daemon's resident memory, from the device's last stats that carry it.", DeviceLabels);
        _uptime = factory.CreateGauge("edgeemotion_device_uptime_seconds", "Seconds since the daemon started, from the device's last stats.", DeviceLabels);
    }

    /// <summary>Counts a commit's newly stored windows and visits; its status and stats messages set the gauges.</summary>
    public void Count(IReadOnlyList<CollectorMessage> stored)
    {
        foreach (var message in stored)
        {
            switch (message)
            {
                case VisitRecord v:
                    Count(v);
                    break;
                case WindowRecord w:
                    Count(w);
                    break;
                case StatusRecord status:
                    _online.WithLabels(status.Device).Set(status.Status == StatusPayload.Online ? 1 : 0);
                    break;
                case StatsRecord { Figures: { } figures } stats:
                    Report(stats.Device, stats.Site ?? "", figures);
                    break;
            }
        }
    }

    /// <summary>Prometheus's text format (version 0.0.4).</summary>
    public Task WriteAsync(Stream output, CancellationToken cancel) => _registry.CollectAndExportAsTextAsync(output, cancel);

    private void Count(VisitRecord v)
    {
        var site = v.Site ?? "";
        _visits.WithLabels(v.Device, site, v.Emotion is { } e ? EmotionLabels.Names[e] : NoEmotion).Inc();
        if (v.Watcher)
        {
            _watchers.WithLabels(v.Device, site).Inc();
        }
        _dwell.WithLabels(v.Device, site).Inc(v.DwellSeconds);
        _attention.WithLabels(v.Device, site).Inc(v.AttentionSeconds);
    }

    private void Report(string device, string site, StatsFigures figures)
    {
        _fps.WithLabels(device, site).Set(figures.Fps);
        _pendingWindows.WithLabels(device, site).Set(figures.PendingWindows);
        _uptime.WithLabels(device, site).Set(figures.UptimeSeconds);
        if (figures.ResidentMemoryMb is { } mb)
        {
            _residentMemory.WithLabels(device, site).Set(mb * 1024 * 1024);
        }
    }

    private void Count(WindowRecord w)
    {
        var site = w.Site ?? "";
        _windows.WithLabels(w.Device, site).Inc();
        _frames.WithLabels(w.Device, site).Inc(w.Frames);
        for (var i = 0; i < w.FaceFrames.Count; i++)
        {
            if (w.FaceFrames[i] > 0)
            {
                _faceFrames.WithLabels(w.Device, site, EmotionLabels.Names[i]).Inc(w.FaceFrames[i]);
            }
        }
    }
}
