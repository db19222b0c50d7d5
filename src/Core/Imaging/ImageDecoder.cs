using StbImageSharp;

namespace EdgeEmotion.Core.Imaging;

/// <summary>Decodes JPEG/PNG/BMP files to grayscale with StbImageSharp, a managed decoder,
/// so the same code runs on x64 and ARM boards with no native image library.</summary>
public static class ImageDecoder
{
    public static GrayImage DecodeGray(ReadOnlySpan<byte> encoded, string nameForErrors)
    {
        try
        {
            var image = ImageResult.FromMemory(encoded.ToArray(), ColorComponents.Grey);
            return new GrayImage(image.Width, image.Height, image.Data);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{nameForErrors}: not a readable image ({ex.Message}).", ex);
        }
    }

    /// <summary>Width and height from the header alone (no pixels decoded, nothing allocated for
    /// them); null when the bytes are not an image the decoder knows.</summary>
    public static unsafe (int Width, int Height)? ReadSize(ReadOnlySpan<byte> encoded)
    {
        fixed (byte* start = encoded)
        {
            using var stream = new UnmanagedMemoryStream(start, encoded.Length);
            return ReadSize(stream);
        }
    }

    /// <summary>Width and height from the header of an image file; null when it is not an image.</summary>
    public static (int Width, int Height)? ReadSize(Stream stream)
    {
        try
        {
            return ImageInfo.FromStream(stream) is { } info ? (info.Width, info.Height) : null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not IOException)
        {
            return null; // a damaged header: the decoder reports it when the image is read
        }
    }

    public static GrayImage ReadGray(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException ex)
        {
            throw new InvalidDataException($"{path}: cannot read ({ex.Message}).", ex);
        }
        return DecodeGray(bytes, path);
    }
}
