using System.Diagnostics;
using EdgeEmotion.Core.Statistics;

namespace EdgeEmotion.Daemon.Diagnostics;

/// <summary>Counters and recent stage timings of the pipeline, read by the stats publisher. Uptime
/// and frame rate are read off <paramref name="clock"/>'s monotonic timestamps (a test's fake clock
/// sets them exactly; a wall-clock step does not bend them).</summary>
internal sealed class PipelineStats(IVisitorCounts visitors, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly double[] _detectMs = new double[256];
    private readonly double[] _classifyMs = new double[256];
    private readonly double[] _peopleMs = new double[256];
    private int _peopleTimed;
    private long _peopleFrames;
    private long _peopleFramesAtLastSnapshot;
    private readonly long _started = clock.GetTimestamp();
    private int _timed;
    private long _framesAtLastSnapshot;
    private long _lastSnapshot = clock.GetTimestamp();
    private long _captured;
    private long _analysed;
    private long _dropped;
    private long _malformed;
    private long _reused;
    private long _sourceFailures;
    private long _facesInvalid;

    public SourceState SourceState { get; set; } = SourceState.Starting;

    /// <summary>What the presence sensor said at the last captured frame; null without a sensor.</summary>
    public bool? Presence { get; set; }

    /// <summary>The person stage runs (<c>People:Enabled</c>): stats carry its timing and rate.</summary>
    public bool PeopleEnabled { get; set; }

    /// <summary>The int8 form the classifier runs ("u8s8", "u8u8"); null for a float model.</summary>
    public string? Int8Kernels { get; set; }

    public long FramesAnalysed => Interlocked.Read(ref _analysed);
    public long FramesDropped => Interlocked.Read(ref _dropped);
    public long FramesCaptured => Interlocked.Read(ref _captured);
    public long FramesReused => Interlocked.Read(ref _reused);

    public void Captured() => Interlocked.Increment(ref _captured);
    public void Dropped() => Interlocked.Increment(ref _dropped);
    public void Malformed() => Interlocked.Increment(ref _malformed);
    public void SourceFailed() => Interlocked.Increment(ref _sourceFailures);

    /// <summary>Faces whose probabilities were not finite numbers (a broken model): skipped, not counted.</summary>
    public void InvalidFaces(int count) => Interlocked.Add(ref _facesInvalid, count);

    public long FacesInvalid => Interlocked.Read(ref _facesInvalid);

    /// <summary>A frame without motion that counted the last analysed frame's result again.</summary>
    public void Reused()
    {
        Interlocked.Increment(ref _reused);
        Interlocked.Increment(ref _analysed);
    }

    public void Analysed(double detectMs, double classifyMs)
    {
        Interlocked.Increment(ref _analysed);
        lock (_lock)
        {
            _detectMs[_timed % _detectMs.Length] = detectMs;
            _classifyMs[_timed % _classifyMs.Length] = classifyMs;
            _timed++;
        }
    }

    /// <summary>A run of the person stage that took <paramref name="milliseconds"/>.</summary>
    public void PeopleDetected(double milliseconds)
    {
        lock (_lock)
        {
            _peopleMs[_peopleTimed % _peopleMs.Length] = milliseconds;
            _peopleTimed++;
            _peopleFrames++;
        }
    }

    public StatsSnapshot Snapshot(OutboxHealth outbox, DateTimeOffset now)
    {
        double detect, classify, fps, people, peopleFps;
        lock (_lock)
        {
            var n = Math.Min(_timed, _detectMs.Length);
            detect = Percentiles.Median(_detectMs.AsSpan(0, n));
            classify = Percentiles.Median(_classifyMs.AsSpan(0, n));
            people = Percentiles.Median(_peopleMs.AsSpan(0, Math.Min(_peopleTimed, _peopleMs.Length)));
            var ticks = clock.GetTimestamp();
            var seconds = clock.GetElapsedTime(_lastSnapshot, ticks).TotalSeconds;
            fps = seconds > 0 ? (FramesAnalysed - _framesAtLastSnapshot) / seconds : 0;
            peopleFps = seconds > 0 ? (_peopleFrames - _peopleFramesAtLastSnapshot) / seconds : 0;
            _lastSnapshot = ticks;
            _framesAtLastSnapshot = FramesAnalysed;
            _peopleFramesAtLastSnapshot = _peopleFrames;
        }
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        return new StatsSnapshot(
            now, clock.GetElapsedTime(_started), fps, detect, classify, outbox,
            DaemonVersion.Current,
            FramesCaptured, FramesAnalysed, FramesDropped, Interlocked.Read(ref _malformed),
            SourceState, Interlocked.Read(ref _sourceFailures), process.WorkingSet64 / 1048576.0, FramesReused, FacesInvalid,
            visitors.ActiveVisitors, visitors.VisitsTooShort)
        {
            Presence = Presence,
            Int8Kernels = Int8Kernels,
            ManagedHeapMb = gc.HeapSizeBytes / 1048576.0,
            GcCommittedMb = gc.TotalCommittedBytes / 1048576.0,
            PeopleMsP50 = PeopleEnabled ? people : null,
            PeopleFps = PeopleEnabled ? peopleFps : null,
        };
    }
}
