using EdgeEmotion.Core.Imaging;
using EdgeEmotion.Core.Preprocessing;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Options;
using OpenCvSharp;

namespace EdgeEmotion.Daemon.Tests.Tracking;

/// <summary>A real face cut from a group photo: the pixels around it (1.6 times the box) and
/// where YuNet found the face inside that cut.</summary>
public sealed record FaceCrop(GrayImage Pixels, FaceBox Face);

/// <summary>One person's path: keyframes (time s, centre x, centre y, face height, all in frame
/// pixels) interpolated linearly, and spans of time when the person is out of sight.</summary>
public sealed record PersonPath(int Face, (double T, double X, double Y, double Height)[] Keys, (double From, double To)[] Hidden)
{
    public double Start => Keys[0].T;

    public double End => Keys[^1].T;

    public bool InSight(double t) => t >= Start && t <= End && !Hidden.Any(h => t >= h.From && t < h.To);

    public (double X, double Y, double Height) At(double t)
    {
        for (var i = 1; i < Keys.Length; i++)
        {
            if (t <= Keys[i].T)
            {
                var a = Keys[i - 1];
                var b = Keys[i];
                var f = b.T > a.T ? (t - a.T) / (b.T - a.T) : 0;
                return (a.X + (f * (b.X - a.X)), a.Y + (f * (b.Y - a.Y)), a.Height + (f * (b.Height - a.Height)));
            }
        }
        return (Keys[^1].X, Keys[^1].Y, Keys[^1].Height);
    }
}

/// <summary>A scripted sequence: people moving over a fixed background.</summary>
/// <param name="Visitors">Visits a correct tracker makes (a person hidden longer than
/// <c>Tracking:LostSeconds</c> is two).</param>
public sealed record SyntheticSequence(string Name, double Seconds, PersonPath[] People, int Visitors);

/// <summary>A ground-truth box in one frame; the identity is the person, or the person's
/// sighting segment when a hiding longer than LostSeconds splits it into two visits.</summary>
public readonly record struct TruthBox(int Identity, FaceBox Box);

/// <summary>One rendered frame and what is truly in it (boxes of faces at least half visible).</summary>
public sealed record SyntheticFrame(double Time, GrayImage Image, IReadOnlyList<TruthBox> Truth);

/// <summary>
/// Renders the tracking test sequences from real faces: faces found by YuNet in the group
/// photos are cut out, scaled and pasted (with a soft elliptical edge) onto a textured
/// background along scripted paths, nearer (larger) faces over farther ones, with sensor noise
/// per frame. The ground truth is each pasted face's YuNet box moved and scaled with it.
/// </summary>
public static class SyntheticScene
{
    public const int Width = 640;
    public const int Height = 360;
    private const double CropMargin = 1.6;
    private const double SplitGapSeconds = 2.0; // Tracking:LostSeconds default

    /// <summary>The largest well-detected faces of the group photos, largest first.</summary>
    public static IReadOnlyList<FaceCrop> LoadFaces(string facesFolder, string yunetModel, int count)
    {
        using var detector = new YuNetDetector(yunetModel, new DetectorOptions { InputWidth = 1280 });
        var crops = new List<(float Size, FaceCrop Crop)>();
        foreach (var file in Directory.GetFiles(facesFolder, "group-*.jpg").Order(StringComparer.Ordinal))
        {
            var photo = ImageDecoder.ReadGray(file);
            foreach (var face in detector.Detect(photo).Where(f => f.Score >= 0.9f))
            {
                var side = Math.Max(face.Box.Width, face.Box.Height) * CropMargin;
                var x0 = (int)Math.Max(0, face.Box.X + (face.Box.Width / 2) - (side / 2));
                var y0 = (int)Math.Max(0, face.Box.Y + (face.Box.Height / 2) - (side / 2));
                var x1 = (int)Math.Min(photo.Width, face.Box.X + (face.Box.Width / 2) + (side / 2));
                var y1 = (int)Math.Min(photo.Height, face.Box.Y + (face.Box.Height / 2) + (side / 2));
                var pixels = new byte[(x1 - x0) * (y1 - y0)];
                for (var y = y0; y < y1; y++)
                {
                    Array.Copy(photo.Pixels, (y * photo.Width) + x0, pixels, (y - y0) * (x1 - x0), x1 - x0);
                }
                var crop = new FaceCrop(new GrayImage(x1 - x0, y1 - y0, pixels), new FaceBox(face.Box.X - x0, face.Box.Y - y0, face.Box.Width, face.Box.Height));
                crops.Add((face.Box.Height, crop));
            }
        }
        return [.. crops.OrderByDescending(c => c.Size).Take(count).Select(c => c.Crop)];
    }

    /// <summary>The sequences: straight walks, a brisk pass, two crossings, hidings shorter and longer than
    /// LostSeconds, faces growing as people walk up, and a standing group with a passer-by.</summary>
    public static IReadOnlyList<SyntheticSequence> Sequences { get; } =
    [
        new("walk-across", 5, [new(0, [(0, 70, 170, 72), (5, 570, 180, 72)], [])], 1),
        new("two-crossing", 5,
        [
            new(0, [(0, 80, 160, 84), (5, 560, 170, 84)], []),
            new(1, [(0, 560, 200, 64), (5, 80, 190, 64)], []),
        ], 2),
        // Same height: the nearer face covers the farther one completely for a moment.
        new("crossing-level", 5,
        [
            new(0, [(0, 70, 175, 84), (5, 570, 175, 84)], []),
            new(1, [(0, 570, 180, 70), (5, 70, 180, 70)], []),
        ], 2),
        // A brisk walk across (5 face sizes a second: a face size per frame at 5 frames/s) past
        // someone standing still.
        new("fast-pass", 3,
        [
            new(4, [(0, 40, 150, 64), (2.2, 600, 160, 64)], []),
            new(2, [(0, 330, 250, 70), (3, 335, 250, 70)], []),
        ], 2),
        new("hidden-short", 6, [new(2, [(0, 150, 170, 76), (6, 490, 175, 76)], [(2.0, 3.2)])], 1),
        new("hidden-long", 7, [new(3, [(0, 280, 170, 76), (7, 360, 180, 76)], [(2.2, 5.0)])], 2),
        new("approach", 5,
        [
            new(4, [(0, 300, 140, 36), (4, 280, 190, 190)], []),
            new(5, [(1.5, 500, 150, 40), (5, 520, 190, 150)], []),
        ], 2),
        new("group-passer-by", 5,
        [
            new(6, [(0, 140, 150, 64), (2.5, 150, 145, 64), (5, 140, 150, 64)], []),
            new(7, [(0, 320, 140, 60), (2.5, 310, 150, 60), (5, 320, 140, 60)], []),
            new(8, [(0, 500, 150, 66), (2.5, 505, 140, 66), (5, 500, 150, 66)], []),
            new(9, [(0.5, 60, 250, 90), (4.5, 580, 245, 90)], []),
        ], 4),
    ];

    /// <summary>Frames at <paramref name="fps"/>, frame k at time k / fps.</summary>
    public static IEnumerable<SyntheticFrame> Render(SyntheticSequence sequence, IReadOnlyList<FaceCrop> faces, double fps)
    {
        var background = Background(sequence.Name.Sum(c => c));
        var noise = new Random(7);
        var frames = (int)Math.Floor(sequence.Seconds * fps) + 1;
        for (var k = 0; k < frames; k++)
        {
            var t = k / fps;
            var image = (byte[])background.Clone();
            // Farther (smaller) faces first, so nearer ones cover them.
            var drawn = sequence.People
                .Select((p, i) => (Person: p, Index: i))
                .Where(p => p.Person.InSight(t))
                .Select(p => (p.Index, p.Person, Pose: p.Person.At(t)))
                .OrderBy(p => p.Pose.Height)
                .ToList();
            var pasted = new List<(int Index, FaceBox Face, FaceBox Region)>();
            foreach (var (index, person, pose) in drawn)
            {
                var (face, region) = Paste(image, faces[person.Face], pose);
                pasted.Add((index, face, region));
            }
            for (var i = 0; i < image.Length; i++)
            {
                image[i] = (byte)Math.Clamp(image[i] + noise.Next(-4, 5), 0, 255);
            }
            var truth = new List<TruthBox>();
            for (var i = 0; i < pasted.Count; i++)
            {
                var (index, face, _) = pasted[i];
                var covered = pasted.Skip(i + 1).Sum(p => Overlap(face, p.Region));
                var inside = Overlap(face, new FaceBox(0, 0, Width, Height));
                if (covered <= 0.5 && inside >= 0.5)
                {
                    truth.Add(new TruthBox(Identity(sequence, index, t), face));
                }
            }
            yield return new SyntheticFrame(t, new GrayImage(Width, Height, image), truth);
        }
    }

    /// <summary>Person index × 100 + the number of hidings longer than LostSeconds before t.</summary>
    private static int Identity(SyntheticSequence sequence, int person, double t) =>
        (person * 100) + sequence.People[person].Hidden.Count(h => h.To <= t && h.To - h.From > SplitGapSeconds);

    private static (FaceBox Face, FaceBox Region) Paste(byte[] image, FaceCrop crop, (double X, double Y, double Height) pose)
    {
        var scale = pose.Height / crop.Face.Height;
        var w = Math.Max(2, (int)Math.Round(crop.Pixels.Width * scale));
        var h = Math.Max(2, (int)Math.Round(crop.Pixels.Height * scale));
        var faceCx = (crop.Face.X + (crop.Face.Width / 2)) * scale;
        var faceCy = (crop.Face.Y + (crop.Face.Height / 2)) * scale;
        var left = (int)Math.Round(pose.X - faceCx);
        var top = (int)Math.Round(pose.Y - faceCy);
        using var source = Mat.FromPixelData(crop.Pixels.Height, crop.Pixels.Width, MatType.CV_8UC1, crop.Pixels.Pixels);
        using var scaled = new Mat();
        Cv2.Resize(source, scaled, new Size(w, h), 0, 0, scale > 1 ? InterpolationFlags.Linear : InterpolationFlags.Area);
        scaled.GetArray(out byte[] pixels);
        for (var y = 0; y < h; y++)
        {
            var fy = y + top;
            if (fy < 0 || fy >= Height)
            {
                continue;
            }
            for (var x = 0; x < w; x++)
            {
                var fx = x + left;
                if (fx < 0 || fx >= Width)
                {
                    continue;
                }
                // Soft elliptical edge: fully opaque inside 80 % of the radius, fading to the rim.
                var dx = ((x + 0.5) / w * 2) - 1;
                var dy = ((y + 0.5) / h * 2) - 1;
                var r = Math.Sqrt((dx * dx) + (dy * dy));
                var alpha = Math.Clamp((1 - r) / 0.2, 0, 1);
                var i = (fy * Width) + fx;
                image[i] = (byte)Math.Round((alpha * pixels[(y * w) + x]) + ((1 - alpha) * image[i]));
            }
        }
        var face = new FaceBox((float)(left + (crop.Face.X * scale)), (float)(top + (crop.Face.Y * scale)), (float)(crop.Face.Width * scale), (float)(crop.Face.Height * scale));
        // The opaque part of the paste, which hides what is behind it.
        var region = new FaceBox((float)(left + (0.15 * w)), (float)(top + (0.15 * h)), (float)(0.7 * w), (float)(0.7 * h));
        return (face, region);
    }

    /// <summary>Share of <paramref name="box"/> covered by <paramref name="other"/>.</summary>
    private static double Overlap(FaceBox box, FaceBox other)
    {
        var w = Math.Min(box.X + box.Width, other.X + other.Width) - Math.Max(box.X, other.X);
        var h = Math.Min(box.Y + box.Height, other.Y + other.Height) - Math.Max(box.Y, other.Y);
        return w <= 0 || h <= 0 ? 0 : w * h / (box.Width * box.Height);
    }

    /// <summary>A shop-like backdrop: shelves of soft shapes over a gradient, the same every frame.</summary>
    private static byte[] Background(int seed)
    {
        var random = new Random(seed);
        var pixels = new float[Width * Height];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                pixels[(y * Width) + x] = 90 + (60f * y / Height) + (20f * x / Width);
            }
        }
        for (var n = 0; n < 40; n++)
        {
            var x0 = random.Next(Width);
            var y0 = random.Next(Height);
            var w = random.Next(20, 120);
            var h = random.Next(10, 60);
            var shade = random.Next(-50, 50);
            for (var y = Math.Max(0, y0); y < Math.Min(Height, y0 + h); y++)
            {
                for (var x = Math.Max(0, x0); x < Math.Min(Width, x0 + w); x++)
                {
                    pixels[(y * Width) + x] += shade;
                }
            }
        }
        return [.. pixels.Select(p => (byte)Math.Clamp(p, 0, 255))];
    }
}
