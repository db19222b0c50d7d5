using EdgeEmotion.Core.Labels;

namespace EdgeEmotion.Daemon.Aggregation;

/// <summary>Counts classified faces (argmax) and sums probabilities over the current window.
/// Windows are aligned to multiples of their length since the Unix epoch, so devices agree on
/// boundaries. Thread-safe: the pipeline adds, the window timer closes.</summary>
public sealed class WindowAggregator(TimeSpan length, SeqStore seq, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly long[] _counts = new long[EmotionLabels.Count];
    private readonly double[] _sums = new double[EmotionLabels.Count];
    private long _frames;
    private long _faces;
    private DateTimeOffset _start = Align(clock.GetUtcNow(), length);

    public TimeSpan Length => length;

    public DateTimeOffset CurrentEnd
    {
        get
        {
            lock (_lock)
            {
                return _start + length;
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
                var best = 0;
                for (var c = 0; c < k; c++)
                {
                    _sums[c] += row[c];
                    if (row[c] > row[best])
                    {
                        best = c;
                    }
                }
                _counts[best]++;
                _faces++;
            }
        }
    }

    /// <summary>Closes the window if its end has passed (or <paramref name="force"/> on shutdown)
    /// and starts the next; windows with no faces are closed too.</summary>
    public EmotionWindow? CloseIfDue(bool force = false)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            var end = _start + length;
            if (now < end && !force)
            {
                return null;
            }
            var windowEnd = force && now < end ? now : end;
            var window = new EmotionWindow(
                seq.Next(), _start, windowEnd, _frames, _faces, (long[])_counts.Clone(),
                [.. _sums.Select(s => _faces == 0 ? 0 : s / _faces)]);
            Array.Clear(_counts);
            Array.Clear(_sums);
            _frames = 0;
            _faces = 0;
            _start = now >= end + length ? Align(now, length) : end;
            return window;
        }
    }

    private static DateTimeOffset Align(DateTimeOffset time, TimeSpan length) =>
        new(time.UtcTicks - (time.UtcTicks % length.Ticks), TimeSpan.Zero);
}
