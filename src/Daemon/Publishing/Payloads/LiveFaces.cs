using EdgeEmotion.Daemon.Visits;

namespace EdgeEmotion.Daemon.Publishing.Payloads;

/// <summary>
/// The latest analysed frame's tracked faces for the optional <c>faces</c> topic (boxes only, for
/// aiming the camera): the analysis loop replaces it, the publisher takes it at most twice a
/// second. An empty frame is offered once after faces, so that a page clears its boxes, and then
/// not again until faces return.
/// </summary>
internal sealed class LiveFaces
{
    private readonly Lock _lock = new();
    private Snapshot? _pending;
    private bool _lastHadFaces;

    public sealed record Snapshot(DateTimeOffset Time, int Width, int Height, IReadOnlyList<LiveFace> Faces);

    public void Update(DateTimeOffset time, int width, int height, IReadOnlyList<LiveFace> faces)
    {
        lock (_lock)
        {
            if (faces.Count == 0 && !_lastHadFaces && _pending is null)
            {
                return;
            }
            _pending = new Snapshot(time, width, height, faces);
        }
    }

    /// <summary>The newest snapshot not yet taken, or null.</summary>
    public Snapshot? Take()
    {
        lock (_lock)
        {
            var taken = _pending;
            _pending = null;
            if (taken is not null)
            {
                _lastHadFaces = taken.Faces.Count > 0;
            }
            return taken;
        }
    }
}
