namespace EdgeEmotion.Daemon.Detection;

internal static class NonMaximumSuppression
{
    /// <summary>Keeps the best-scoring box of every group that overlaps by more than the IoU threshold.</summary>
    public static List<DetectedFace> Apply(IEnumerable<DetectedFace> faces, double iouThreshold)
    {
        var kept = new List<DetectedFace>();
        foreach (var face in faces.OrderByDescending(f => f.Score))
        {
            if (kept.All(k => IntersectionOverUnion(k.Box, face.Box) <= iouThreshold))
            {
                kept.Add(face);
            }
        }
        return kept;
    }

    public static double IntersectionOverUnion(FaceBox a, FaceBox b)
    {
        var w = Math.Min(a.X + a.Width, b.X + b.Width) - Math.Max(a.X, b.X);
        var h = Math.Min(a.Y + a.Height, b.Y + b.Height) - Math.Max(a.Y, b.Y);
        if (w <= 0 || h <= 0)
        {
            return 0;
        }
        var intersection = w * h;
        return intersection / ((a.Width * a.Height) + (b.Width * b.Height) - intersection);
    }
}
