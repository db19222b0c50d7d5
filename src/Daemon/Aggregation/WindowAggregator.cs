using EdgeEmotion.Core.Labels;

namespace EdgeEmotion.Daemon.Aggregation;

/// <summary>Counts classified faces (argmax) and sums probabilities over the current window.
/// Windows end at multiples of their length since the Unix epoch, so devices agree on boundaries;
/// the first window starts when the daemon starts and the last ends when it stops (partial
/// windows, shorter than the length). A wall clock stepped back past the current window's start
/// closes it as long as it lasted (the monotonic clock says) and starts the next at the new time,
/// instead of holding it open until the clock is back where it was. Thread-safe: the pipeline
/// adds, the window timer closes.</summary>
internal sealed class WindowAggregator(TimeSpan length, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly long[] _counts = new long[EmotionLabels.Count];
    private readonly double[] _sums = new double[EmotionLabels.Count];
    private long _frames;
    private long _faces;
    private DateTimeOffset _start = Milliseconds(clock.GetUtcNow());
    private long _openedAt = clock.GetTimestamp();

    public TimeSpan Length => length;

    /// <summary>Where the current window starts.</summary>
    public DateTimeOffset CurrentStart
    {
        get
        {
            lock (_lock)
            {
                return _start;
            }
        }
    }

    public DateTimeOffset CurrentEnd
    {
        get
        {
            lock (_lock)
            {
                return Align(_start, length) + length;
            }
        }
    }

    /// <summary>Adds one analysed frame and its faces' probabilities ([faces,7]).</summary>
    public void AddFrame(ReadOnlySpan<float> probabilities)
    {
        var k = EmotionLabels.Count;
        lock (_lock)
        {
            _frames++;
            for (var f = 0; f < probabilities.Length / k; f++)
            {
                var row = probabilities.Slice(f * k, k);
                for (var c = 0; c < k; c++)
                {
                    _sums[c] += row[c];
                }
                _counts[TopClass.Of(row)]++;
                _faces++;
            }
        }
    }

    /// <summary>Closes the window if its end has passed (or <paramref name="force"/> on shutdown)
    /// and starts the next; windows with no faces are closed too. A forced close of a window that
    /// has not lasted a millisecond yet returns null: it would share its end with the previous one.</summary>
    public EmotionWindow? CloseIfDue(bool force = false)
    {
        var now = Milliseconds(clock.GetUtcNow());
        lock (_lock)
        {
            var end = Align(_start, length) + length;
            if (now < _start)
            {
                // Stepped back: the window ends as long after its start as it lasted, at least a
                // millisecond, at most its length.
                var lasted = Milliseconds(_start + clock.GetElapsedTime(_openedAt));
                var cut = Close(lasted <= _start ? _start.AddMilliseconds(1) : lasted < end ? lasted : end);
                _start = now;
                return cut;
            }
            if ((now < end && !force) || now == _start)
            {
                return null;
            }
            var windowEnd = force && now < end ? now : end;
            var window = Close(windowEnd);
            _start = windowEnd < end ? windowEnd : now >= end + length ? Align(now, length) : end;
            return window;
        }
    }

    /// <summary>The current window up to <paramref name="end"/>; the counts start again (under the lock).</summary>
    private EmotionWindow Close(DateTimeOffset end)
    {
        var window = new EmotionWindow(
            _start, end, _frames, _faces, (long[])_counts.Clone(),
            [.. _sums.Select(s => _faces == 0 ? 0 : s / _faces)]);
        Array.Clear(_counts);
        Array.Clear(_sums);
        _frames = 0;
        _faces = 0;
        _openedAt = clock.GetTimestamp();
        return window;
    }

    // Published times carry milliseconds; keeping the same precision here means a window's end is
    // exactly the next one's start.
    private static DateTimeOffset Milliseconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static DateTimeOffset Align(DateTimeOffset time, TimeSpan length) =>
        new(time.UtcTicks - (time.UtcTicks % length.Ticks), TimeSpan.Zero);
}
