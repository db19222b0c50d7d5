using EdgeEmotion.Core.Imaging;

namespace EdgeEmotion.Daemon.Sources;

public static class FrameConversion
{
    /// <summary>YUYV (YUY2) packs Y0 U Y1 V per two pixels: the gray image is every even byte.</summary>
    public static GrayImage YuyvToGray(ReadOnlySpan<byte> yuyv, int width, int height)
    {
        if (yuyv.Length < width * height * 2)
        {
            throw new InvalidDataException($"YUYV frame has {yuyv.Length} bytes, {width}x{height} needs {width * height * 2}.");
        }
        var gray = new byte[width * height];
        for (var i = 0; i < gray.Length; i++)
        {
            gray[i] = yuyv[i * 2];
        }
        return new GrayImage(width, height, gray);
    }
}
