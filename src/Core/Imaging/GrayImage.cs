namespace EdgeEmotion.Core.Imaging;

/// <summary>An 8-bit grayscale image, row-major, no padding between rows.</summary>
public sealed class GrayImage
{
    public GrayImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.Length != width * height)
        {
            throw new ArgumentException($"Expected {width * height} pixels for {width}x{height}, got {pixels.Length}.", nameof(pixels));
        }
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }

    public byte this[int x, int y] => Pixels[(y * Width) + x];

    /// <summary>The value at a point between pixel centres (pixel (i, j) is at (i, j)), bilinear,
    /// edges repeated beyond the image.</summary>
    public float Bilinear(float x, float y)
    {
        var x0 = (int)MathF.Floor(x);
        var y0 = (int)MathF.Floor(y);
        var fx = x - x0;
        var fy = y - y0;
        var xa = Math.Clamp(x0, 0, Width - 1);
        var xb = Math.Clamp(x0 + 1, 0, Width - 1);
        var ya = Math.Clamp(y0, 0, Height - 1) * Width;
        var yb = Math.Clamp(y0 + 1, 0, Height - 1) * Width;
        var top = (Pixels[ya + xa] * (1 - fx)) + (Pixels[ya + xb] * fx);
        var bottom = (Pixels[yb + xa] * (1 - fx)) + (Pixels[yb + xb] * fx);
        return (top * (1 - fy)) + (bottom * fy);
    }
}
