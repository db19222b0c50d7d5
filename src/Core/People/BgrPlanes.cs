using EdgeEmotion.Core.Imaging;

namespace EdgeEmotion.Core.People;

/// <summary>The blue, green and red planes the person detector reads. The daemon's sources
/// deliver gray frames only (<c>Sources/CapturedFrame</c> holds a <see cref="GrayImage"/>), so
/// in the pipeline the three planes are one; colour frames (a benchmark, a test) have three.</summary>
public sealed class BgrPlanes
{
    private BgrPlanes(GrayImage blue, GrayImage green, GrayImage red)
    {
        Blue = blue;
        Green = green;
        Red = red;
    }

    public GrayImage Blue { get; }
    public GrayImage Green { get; }
    public GrayImage Red { get; }
    public int Width => Blue.Width;
    public int Height => Blue.Height;

    /// <summary>A gray frame in all three channels, as the network sees a gray camera.</summary>
    public static BgrPlanes FromGray(GrayImage gray) => new(gray, gray, gray);

    /// <summary>Pixels as decoders give them: red, green, blue per pixel, rows without padding.</summary>
    public static BgrPlanes FromInterleavedRgb(int width, int height, ReadOnlySpan<byte> rgb)
    {
        if (rgb.Length != width * height * 3)
        {
            throw new ArgumentException($"Expected {width * height * 3} bytes for {width}x{height} RGB, got {rgb.Length}.", nameof(rgb));
        }
        var red = new byte[width * height];
        var green = new byte[width * height];
        var blue = new byte[width * height];
        for (var i = 0; i < red.Length; i++)
        {
            red[i] = rgb[3 * i];
            green[i] = rgb[(3 * i) + 1];
            blue[i] = rgb[(3 * i) + 2];
        }
        return new(new GrayImage(width, height, blue), new GrayImage(width, height, green), new GrayImage(width, height, red));
    }
}
