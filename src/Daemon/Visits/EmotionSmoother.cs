using EdgeEmotion.Core.Labels;

namespace EdgeEmotion.Daemon.Visits;

/// <summary>A visitor's emotion smoothed over the last <c>Visits:SmoothingSeconds</c>: the
/// time-weighted mean of the probabilities over that trailing span (a box filter, so "smoothed
/// over 1 s" means exactly the last second), then its argmax. A one-frame flicker shorter than
/// the span cannot flip the emotion unless it outweighs the rest of the span.</summary>
internal sealed class EmotionSmoother(double seconds)
{
    private readonly Queue<(double Start, double End, double[] Probabilities)> _spans = new();
    private readonly double[] _mean = new double[EmotionLabels.Count];

    /// <summary>The smoothed probabilities after the last <see cref="Add"/>.</summary>
    public ReadOnlySpan<double> Mean => _mean;

    /// <summary>Adds the span [start, end) (seconds from the visit's start) that carried these
    /// probabilities; returns the smoothed emotion at its end.</summary>
    public int Add(double start, double end, ReadOnlySpan<float> probabilities)
    {
        var k = EmotionLabels.Count;
        if (seconds <= 0 || end <= start)
        {
            for (var c = 0; c < k; c++)
            {
                _mean[c] = probabilities[c];
            }
            return TopClass.Of<double>(_mean);
        }
        var copy = new double[k];
        for (var c = 0; c < k; c++)
        {
            copy[c] = probabilities[c];
        }
        _spans.Enqueue((start, end, copy));
        var from = end - seconds;
        while (_spans.Count > 0 && _spans.Peek().End <= from)
        {
            _spans.Dequeue();
        }
        Array.Clear(_mean);
        var total = 0.0;
        foreach (var (s, e, p) in _spans)
        {
            var weight = e - Math.Max(s, from);
            total += weight;
            for (var c = 0; c < k; c++)
            {
                _mean[c] += weight * p[c];
            }
        }
        for (var c = 0; c < k; c++)
        {
            _mean[c] /= total;
        }
        return TopClass.Of<double>(_mean);
    }
}
