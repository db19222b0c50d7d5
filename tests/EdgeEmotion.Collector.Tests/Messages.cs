namespace EdgeEmotion.Collector.Tests;

/// <summary>Windows and visits for the tests, with figures derived from their seq so that each
/// one's contribution to a rollup is known.</summary>
public static class Messages
{
    public static readonly DateTimeOffset Origin = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public static WindowRecord Window(string device, long seq, DateTimeOffset? start = null, string? site = "shop-1", int seconds = 10)
    {
        var at = start ?? Origin.AddSeconds(seq * seconds);
        int[] faceFrames = [1, 0, 0, (int)(seq % 5), 2, 0, 3];
        return new WindowRecord(device, site, seq, at, at.AddSeconds(seconds), 50, faceFrames.Sum(), faceFrames, 2, 1, 1, 12.5, 4.25);
    }

    public static VisitRecord Visit(string device, long seq, DateTimeOffset? start = null, double dwell = 10, double attention = 3, int? emotion = 3, string? site = "shop-1")
    {
        var at = start ?? Origin.AddSeconds(seq * 60);
        double[] seconds = [0, 0, 0, dwell * 0.75, 0, 0, dwell * 0.25];
        return new VisitRecord(device, site, seq, at, at.AddSeconds(dwell), dwell, attention, attention >= 1, 40, emotion, seconds);
    }
}
