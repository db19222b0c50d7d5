using EdgeEmotion.Core.Imaging;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Options;
using OpenCvSharp;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>
/// Frames of a crowd, made from the group photos (<c>../shared/data/faces</c>) into a temporary
/// folder, never into the repository: every face YuNet finds in them is cut out (with some room
/// around it) and laid on a grid of <c>columns x rows</c> cells of a 1920x1440 frame, so one frame
/// holds as many real faces as there are cells, each large enough for the daemon's detector at its
/// default width. Two frames with the faces in different cells, so that the motion check sees
/// change and every frame is analysed.
/// </summary>
public static class CrowdFrames
{
    public const int Width = 1920;
    public const int Height = 1440;

    public static string Make(string photos, string models, string folder, int columns, int rows)
    {
        var crops = FaceCrops(photos, models);
        if (crops.Count == 0)
        {
            throw new InvalidOperationException($"no face found in the photos of {photos}");
        }
        Directory.CreateDirectory(folder);
        for (var frame = 0; frame < 2; frame++)
        {
            using var canvas = new Mat(Height, Width, MatType.CV_8UC1, Scalar.Black);
            var cellWidth = Width / columns;
            var cellHeight = Height / rows;
            for (var cell = 0; cell < columns * rows; cell++)
            {
                var crop = crops[(cell + (frame * 7)) % crops.Count];
                using var resized = new Mat();
                var side = Math.Min(cellWidth, cellHeight);
                Cv2.Resize(crop, resized, new Size(side, side), interpolation: InterpolationFlags.Area);
                var x = (cell % columns * cellWidth) + ((cellWidth - side) / 2);
                var y = (cell / columns * cellHeight) + ((cellHeight - side) / 2);
                using var target = new Mat(canvas, new Rect(x, y, side, side));
                resized.CopyTo(target);
            }
            Cv2.ImWrite(Path.Combine(folder, $"crowd-{frame}.png"), canvas);
        }
        foreach (var crop in crops)
        {
            crop.Dispose();
        }
        return folder;
    }

    /// <summary>Square cuts around the faces YuNet finds with a high score in the photos.</summary>
    private static List<Mat> FaceCrops(string photos, string models)
    {
        var crops = new List<Mat>();
        foreach (var file in Directory.GetFiles(photos, "*.jpg").Order(StringComparer.Ordinal))
        {
            var picture = ImageDecoder.ReadGray(file);
            using var detector = new YuNetDetector(Path.Combine(models, "yunet-n-dynamic.onnx"), new DetectorOptions { InputWidth = picture.Width });
            using var gray = Mat.FromPixelData(picture.Height, picture.Width, MatType.CV_8UC1, picture.Pixels);
            foreach (var face in detector.Detect(picture).HighScore())
            {
                var side = (int)(Math.Max(face.Box.Width, face.Box.Height) * 1.6f);
                var x = (int)(face.Box.CenterX - (side / 2f));
                var y = (int)(face.Box.CenterY - (side / 2f));
                if (side < 24 || x < 0 || y < 0 || x + side > picture.Width || y + side > picture.Height)
                {
                    continue; // too small to enlarge, or cut by the photo's edge
                }
                crops.Add(new Mat(gray, new Rect(x, y, side, side)).Clone());
            }
        }
        return crops;
    }
}
