using EdgeEmotion.Core.Preprocessing;

namespace EdgeEmotion.Daemon.Tracking;

/// <summary>One face followed over frames: position and size only (no appearance, no identity).</summary>
internal sealed class Track(int id, FaceBox box, DateTimeOffset time)
{
    private DateTimeOffset _predictedTo = time;

    public int Id { get; } = id;

    public BoxKalmanFilter Filter { get; } = new(box);

    public int Hits { get; private set; } = 1;

    public bool Confirmed { get; set; }

    public DateTimeOffset LastSeen { get; private set; } = time;

    /// <summary>The box the track was last sighted at.</summary>
    public FaceBox LastBox { get; private set; } = box;

    public double SecondsUnseen(DateTimeOffset now) => (now - LastSeen).TotalSeconds;

    /// <summary>Moves the filter to <paramref name="time"/>; frame times that go backwards (a camera
    /// clock step) predict nothing.</summary>
    public void PredictTo(DateTimeOffset time)
    {
        Filter.Predict((time - _predictedTo).TotalSeconds);
        if (time > _predictedTo)
        {
            _predictedTo = time;
        }
    }

    public void Sighted(FaceBox box, DateTimeOffset time)
    {
        Filter.Update(box);
        LastBox = box;
        Hits++;
        if (time > LastSeen)
        {
            LastSeen = time;
        }
    }
}
