using EdgeEmotion.Daemon.Visits;

namespace EdgeEmotion.Daemon.Publishing.Payloads;

/// <summary>
/// The latest analysed frame's tracked faces (and, with the person stage, people) for the optional
/// <c>faces</c> topic (boxes only, for aiming the camera): the analysis loop replaces it, the
/// publisher takes it at most twice a second. An empty frame is offered once after boxes, so that
/// a page clears them, and then not again until boxes return.
/// </summary>
internal sealed class LiveFaces
{
    private readonly Lock _lock = new();
    private Snapshot? _pending;
    private bool _lastHadFaces;

    /// <param name="People">Null with the person stage off: the message then has no <c>people</c>.</param>
    public sealed record Snapshot(DateTimeOffset Time, int Width, int Height, IReadOnlyList<LiveFace> Faces, IReadOnlyList<LivePerson>? People = null)
    {
        public bool Empty => Faces.Count == 0 && (People is null || People.Count == 0);
    }

    public void Update(DateTimeOffset time, int width, int height, IReadOnlyList<LiveFace> faces, IReadOnlyList<LivePerson>? people = null)
    {
        lock (_lock)
        {
            var snapshot = new Snapshot(time, width, height, faces, people);
            if (snapshot.Empty && !_lastHadFaces && _pending is null)
            {
                return;
            }
            _pending = snapshot;
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
                _lastHadFaces = !taken.Empty;
            }
            return taken;
        }
    }
}
