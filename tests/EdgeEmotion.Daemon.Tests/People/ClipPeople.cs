using System.Globalization;
using EdgeEmotion.Core.Imaging;
using EdgeEmotion.Core.People;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.People;
using StbImageSharp;

namespace EdgeEmotion.Daemon.Tests.People;

/// <summary>A frame of the shared clips and the people in it, counted by eye (clip-people.csv).</summary>
internal sealed record ClipFrame(string Clip, int Index, string File, int People)
{
    public GrayImage Gray() => ImageDecoder.ReadGray(File);

    /// <summary>The frame's colours (the clips are colour JPEGs; the daemon sees them gray).</summary>
    public BgrPlanes Colour()
    {
        var image = ImageResult.FromMemory(System.IO.File.ReadAllBytes(File), ColorComponents.RedGreenBlue);
        return BgrPlanes.FromInterleavedRgb(image.Width, image.Height, image.Data);
    }
}

/// <summary>The clips' per-frame ground truth and the count-based score of a person detector on
/// it. Shared with the bench (linked file) so that its table and the tests measure the same.</summary>
internal static class ClipPeople
{
    /// <param name="groundTruth">clip-people.csv.</param>
    /// <param name="clips">../shared/data/clips.</param>
    public static IReadOnlyList<ClipFrame> Load(string groundTruth, string clips)
    {
        var frames = new List<ClipFrame>();
        foreach (var line in File.ReadLines(groundTruth).Where(l => !l.StartsWith('#') && !l.StartsWith("clip,", StringComparison.Ordinal) && l.Length > 0))
        {
            var f = line.Split(',');
            for (var i = int.Parse(f[1], CultureInfo.InvariantCulture); i <= int.Parse(f[2], CultureInfo.InvariantCulture); i++)
            {
                var file = Path.Combine(clips, f[0], $"frame-{i:000}.jpg");
                if (!File.Exists(file))
                {
                    throw new FileNotFoundException($"{groundTruth}: {file} is not there.", file);
                }
                frames.Add(new ClipFrame(f[0], i, file, int.Parse(f[3], CultureInfo.InvariantCulture)));
            }
        }
        return frames;
    }
}

/// <summary>Person-frames found and spurious boxes, by counts (the ground truth has counts, not
/// boxes): a frame with n people and m high-score boxes finds min(n, m) person-frames and has
/// max(0, m − n) spurious boxes.</summary>
internal sealed class PersonFrameScore
{
    public int PersonFrames { get; private set; }
    public int Found { get; private set; }
    public int Spurious { get; private set; }
    public double Recall => PersonFrames == 0 ? 0 : (double)Found / PersonFrames;

    public void Add(int people, IReadOnlyList<DetectedFace> boxes) => Add(people, boxes.Count(b => b.IsHighScore));

    public void Add(int people, int detected)
    {
        PersonFrames += people;
        Found += Math.Min(people, detected);
        Spurious += Math.Max(0, detected - people);
    }
}
