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
