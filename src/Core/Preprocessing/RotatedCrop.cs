using EdgeEmotion.Core.Imaging;

namespace EdgeEmotion.Core.Preprocessing;

/// <summary>
/// The square crop of <see cref="FacePreprocessor"/> turned by the head's roll, so the eyes come
/// out level: each output pixel samples the frame at its position rotated about the crop's
/// centre, bilinear, edges repeated. When the crop is larger than 48 px, k x k samples per
/// output pixel (k = the scale, at most 8) are averaged, as the unrotated path averages the
/// covered area. Hand-written for the same reason as the rest of the preprocessing: one
/// bit-identical result on every board, no OpenCV.
/// </summary>
internal static class RotatedCrop
{
    private const int MaxSamples = 8;

    public static void Write(GrayImage image, FaceBox region, float roll, Span<float> destination)
    {
        const int Size = FacePreprocessor.Size;
        var scale = region.Width / Size;
        var k = Math.Clamp((int)MathF.Ceiling(scale), 1, MaxSamples);
        var (sin, cos) = MathF.SinCos(roll);
        var half = region.Width / 2;
        var cx = region.CenterX;
        var cy = region.CenterY;
        var norm = 1f / (k * k * 255f);
        for (var oy = 0; oy < Size; oy++)
        {
            for (var ox = 0; ox < Size; ox++)
            {
                var sum = 0f;
                for (var b = 0; b < k; b++)
                {
                    var uy = ((oy + ((b + 0.5f) / k)) * scale) - half;
                    for (var a = 0; a < k; a++)
                    {
                        var ux = ((ox + ((a + 0.5f) / k)) * scale) - half;
                        // Continuous frame position, then to pixel-centre coordinates (-0.5).
                        var sx = cx + (cos * ux) - (sin * uy) - 0.5f;
                        var sy = cy + (sin * ux) + (cos * uy) - 0.5f;
                        sum += image.Bilinear(sx, sy);
                    }
                }
                destination[(oy * Size) + ox] = sum * norm;
            }
        }
    }
}
