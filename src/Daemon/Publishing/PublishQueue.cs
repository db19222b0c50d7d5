using System.Collections.Concurrent;
using EdgeEmotion.Daemon.Aggregation;

namespace EdgeEmotion.Daemon.Publishing;

/// <summary>Closed windows waiting to be published, oldest first. A window leaves the queue
/// only after the broker acknowledged it, so a broker outage loses nothing while the process lives.</summary>
public sealed class PublishQueue
{
    private readonly ConcurrentQueue<EmotionWindow> _windows = new();
    private readonly SemaphoreSlim _signal = new(0);

    public int Count => _windows.Count;

    public void Enqueue(EmotionWindow window)
    {
        _windows.Enqueue(window);
        _signal.Release();
    }

    public bool TryPeek(out EmotionWindow? window) => _windows.TryPeek(out window);

    public void RemoveHead() => _windows.TryDequeue(out _);

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
