namespace EdgeEmotion.Core.Imaging;

/// <summary>Bilinear resize of a gray frame into a float plane (values 0..255) with its own row
/// stride: the input of the face detector (YuNet) and of the person detector (NanoDet). Written
/// here because ARM boards have no OpenCV runtime, and the detectors want floats in a padded
/// plane anyway.</summary>
public static class GrayResize
{
    public static void Bilinear(GrayImage source, int width, int height, Span<float> destination, int stride)
    {
        var sx = (float)source.Width / width;
        var sy = (float)source.Height / height;
        var pixels = source.Pixels;
        var x0s = width <= 4096 ? stackalloc int[width] : new int[width];
        var fxs = width <= 4096 ? stackalloc float[width] : new float[width];
        for (var x = 0; x < width; x++)
        {
            var fx = Math.Clamp(((x + 0.5f) * sx) - 0.5f, 0, source.Width - 1);
            x0s[x] = Math.Min((int)fx, source.Width - 2 < 0 ? 0 : source.Width - 2);
            fxs[x] = fx - x0s[x];
        }
        for (var y = 0; y < height; y++)
        {
            var fy = Math.Clamp(((y + 0.5f) * sy) - 0.5f, 0, source.Height - 1);
            var y0 = Math.Min((int)fy, Math.Max(0, source.Height - 2));
            var wy = fy - y0;
            var row0 = y0 * source.Width;
            var row1 = Math.Min(y0 + 1, source.Height - 1) * source.Width;
            var target = destination.Slice(y * stride, width);
            for (var x = 0; x < width; x++)
            {
                var x0 = x0s[x];
                var x1 = Math.Min(x0 + 1, source.Width - 1);
                var wx = fxs[x];
                var top = (pixels[row0 + x0] * (1 - wx)) + (pixels[row0 + x1] * wx);
                var bottom = (pixels[row1 + x0] * (1 - wx)) + (pixels[row1 + x1] * wx);
                target[x] = (top * (1 - wy)) + (bottom * wy);
            }
        }
    }
}
