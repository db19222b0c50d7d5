namespace EdgeEmotion.Bench.Faults;

/// <summary>
/// What the daemon watches during the fault run. Visits need a person who comes and goes: from
/// the shared real clips (<c>../shared/data/clips</c>, run from the repository root), the smiling
/// man's 62 frames then 40 frames of an empty corridor, looped at 12 frames/s: one visit of about
/// 5 s every 8.5 s, as the daemon's own visit tests play it. Without the clips, the demo pictures,
/// which give windows but no visits (each picture is one frame, too short for a visitor).
/// </summary>
public static class VisitClip
{
    private static readonly string Clips = Path.GetFullPath(Path.Combine("..", "shared", "data", "clips"));

    /// <summary>The <c>Source:Uri</c>, with the looped folder made in <paramref name="work"/> when the clips are there.</summary>
    public static string SourceUri(string work)
    {
        var man = Path.Combine(Clips, "head-pose-face-detection-male");
        var corridor = Path.Combine(Clips, "face-demographics-walking");
        if (!Directory.Exists(man) || !Directory.Exists(corridor))
        {
            return $"images://{DaemonLaunch.DemoPictures}?fps=5";
        }
        // The walking pair is too small for the detector in the first 20 frames: an empty corridor.
        var empty = Directory.GetFiles(corridor, "*.jpg").Order(StringComparer.Ordinal).Take(20).ToList();
        var frames = Directory.GetFiles(man, "*.jpg").Order(StringComparer.Ordinal).Concat(empty).Concat(empty).ToList();
        var folder = Directory.CreateDirectory(Path.Combine(work, "clip")).FullName;
        for (var i = 0; i < frames.Count; i++)
        {
            File.Copy(frames[i], Path.Combine(folder, $"{i:D4}.jpg"));
        }
        return $"images://{folder}?fps=12";
    }
}
