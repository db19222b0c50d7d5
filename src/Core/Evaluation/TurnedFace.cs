using EdgeEmotion.Core.Imaging;
using EdgeEmotion.Core.Preprocessing;

namespace EdgeEmotion.Core.Evaluation;

/// <summary>
/// A dataset face with its head turned (rolled), as a camera sees a tilted head: the 48x48 face
/// in the middle of a 96x96 frame (edges repeated: the surroundings a detector's box has in a real
/// frame), the frame turned about its centre, the face box where a detector would put it and the
/// eyes turned alike. FER2013 faces are roughly level, with the eyes near 40 % of the height and
/// a third of the width from each side; only the eyes' angle matters for alignment.
/// </summary>
public static class TurnedFace
{
    public const int FrameSide = 96;
    private const int Offset = (FrameSide - FacePreprocessor.Size) / 2;

    public static EyePositions LevelEyes { get; } = new(Offset + 16f, Offset + 19f, Offset + 32f, Offset + 19f);

    public static FaceBox Box { get; } = new(Offset, Offset, FacePreprocessor.Size, FacePreprocessor.Size);

    public static (GrayImage Frame, EyePositions Eyes) Turn(GrayImage face, float degrees)
    {
        var radians = degrees * MathF.PI / 180f;
        var (sin, cos) = MathF.SinCos(radians);
        const float Centre = FrameSide / 2f;
        var pixels = new byte[FrameSide * FrameSide];
        for (var y = 0; y < FrameSide; y++)
        {
            for (var x = 0; x < FrameSide; x++)
            {
                // Inverse turn of the output pixel's centre, into the padded face.
                var dx = x + 0.5f - Centre;
                var dy = y + 0.5f - Centre;
                var sx = Centre + (cos * dx) + (sin * dy) - Offset - 0.5f;
                var sy = Centre - (sin * dx) + (cos * dy) - Offset - 0.5f;
                pixels[(y * FrameSide) + x] = (byte)MathF.Round(face.Bilinear(sx, sy));
            }
        }
        return (new GrayImage(FrameSide, FrameSide, pixels), LevelEyes.Rotated(radians, Centre, Centre));
    }
}
