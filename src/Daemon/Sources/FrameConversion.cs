namespace EdgeEmotion.Daemon.Sources;

internal static class FrameConversion
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

    /// <summary>One MJPEG frame (V4L2 buffer or HTTP stream part) to gray. The JPEG decoder
    /// accepts a truncated JPEG and fills the missing part, so a frame cut short on a bad link
    /// is caught here by its missing end-of-image marker (V4L2 may pad buffers with zeros).
    /// A frame larger than <paramref name="limit"/> allows is refused from its header.</summary>
    public static GrayImage MjpegToGray(ReadOnlySpan<byte> jpeg, string source, FrameSizeLimit? limit = null)
    {
        var end = jpeg.Length;
        while (end > 0 && jpeg[end - 1] == 0)
        {
            end--;
        }
        if (end < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new InvalidDataException($"{source}: an MJPEG frame that is not a JPEG ({jpeg.Length} bytes).");
        }
        if (jpeg[end - 2] != 0xFF || jpeg[end - 1] != 0xD9)
        {
            throw new InvalidDataException($"{source}: a truncated JPEG frame ({jpeg.Length} bytes, no end-of-image marker).");
        }
        limit?.Check(jpeg[..end], source);
        return ImageDecoder.DecodeGray(jpeg[..end], source);
    }
}
