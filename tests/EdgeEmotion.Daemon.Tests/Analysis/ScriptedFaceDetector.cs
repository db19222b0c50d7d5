namespace EdgeEmotion.Daemon.Tests.Analysis;

/// <summary>A face detector that returns what the test sets, counts its calls and takes
/// <see cref="Cost"/> of the fake clock per call (so stage timings are exact).</summary>
internal sealed class ScriptedFaceDetector(FakeTimeProvider clock) : IFaceDetector
{
    public IReadOnlyList<DetectedFace> Faces { get; set; } = [];

    public TimeSpan Cost { get; set; }

    /// <summary>The next call throws as a detector does on a frame it cannot read.</summary>
    public bool NextIsMalformed { get; set; }

    public int Calls { get; private set; }

    public IReadOnlyList<DetectedFace> Detect(GrayImage frame)
    {
        Calls++;
        clock.Advance(Cost);
        if (NextIsMalformed)
        {
            NextIsMalformed = false;
            throw new InvalidDataException("scripted: unreadable frame");
        }
        return Faces;
    }

    public void Dispose()
    {
    }
}
