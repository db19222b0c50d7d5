using EdgeEmotion.Core.Imaging;
using EdgeEmotion.Daemon.Detection;

namespace EdgeEmotion.Bench;

/// <summary>640x480 gray frames holding 1..6 real faces: faces found by the detector in a demo
/// picture are copied (with their surroundings) onto a plain background in a grid.</summary>
internal static class BenchFrames
{
    public const int Width = 640;
    public const int Height = 480;

    public static GrayImage WithFaces(GrayImage picture, IReadOnlyList<DetectedFace> faces, int count)
    {
        var pixels = Enumerable.Repeat((byte)128, Width * Height).ToArray();
        const int Cell = 150;
        for (var i = 0; i < count; i++)
        {
            var face = faces[i % faces.Count].Box;
            var side = (int)(Math.Max(face.Width, face.Height) * 1.6f);
            var sx = (int)(face.CenterX - (side / 2f));
            var sy = (int)(face.CenterY - (side / 2f));
            var ox = 20 + ((i % 4) * Cell);
            var oy = 30 + ((i / 4) * (Cell + 60));
            for (var y = 0; y < Cell; y++)
            {
                for (var x = 0; x < Cell; x++)
                {
                    var px = Math.Clamp(sx + (x * side / Cell), 0, picture.Width - 1);
                    var py = Math.Clamp(sy + (y * side / Cell), 0, picture.Height - 1);
                    pixels[((oy + y) * Width) + ox + x] = picture[px, py];
                }
            }
        }
        return new GrayImage(Width, Height, pixels);
    }
}
