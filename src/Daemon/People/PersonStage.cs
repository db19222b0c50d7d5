using EdgeEmotion.Core.Imaging;
using EdgeEmotion.Daemon.Detection;

namespace EdgeEmotion.Daemon.People;

/// <summary>
/// The person detector at its own rate (<c>People:Fps</c>), paced by frame time so that a replay
/// runs it on the same frames on any CPU; the face path keeps the source's rate. Without a
/// detector (<c>People:Enabled</c> false) it never runs.
/// </summary>
internal sealed class PersonStage(NanoDetPersonDetector? detector, double fps) : IDisposable
{
    // A frame a little early still counts as due: frame times jitter on a live camera, and at
    // 12 or 15 frames/s the 3 frames/s default falls on every 4th or 5th frame exactly.
    private const double EarlyFraction = 0.05;

    private readonly TimeSpan _interval = TimeSpan.FromSeconds(1 / fps);
    private DateTimeOffset? _last;

    /// <summary>A stage that never runs (people off).</summary>
    public static PersonStage Off => new(null, 1);

    public bool Enabled => detector is not null;

    public double Fps => fps;

    /// <summary>The people in <paramref name="frame"/> when a run is due at <paramref name="time"/>
    /// (frame time); null when not (people off, or too soon after the last run).</summary>
    public IReadOnlyList<DetectedFace>? DetectIfDue(GrayImage frame, DateTimeOffset time)
    {
        if (detector is null)
        {
            return null;
        }
        // Frame time that went back (a replay restarted, a camera clock step) starts the pace again.
        if (_last is { } last && time >= last && time - last < _interval * (1 - EarlyFraction))
        {
            return null;
        }
        _last = time;
        return detector.Detect(frame);
    }

    public void Dispose() => detector?.Dispose();
}
