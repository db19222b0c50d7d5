using System.Buffers.Binary;
using System.IO.Compression;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>Pictures whose headers announce far more pixels than their files hold, as an attacker
/// or a mistaken export makes them: a valid gray PNG of any size (all black: its zlib data is tiny)
/// and a real JPEG whose frame header is changed to another size.</summary>
internal static class HugePictures
{
    public static void WriteBlackPng(string path, int width, int height)
    {
        using var file = File.Create(path);
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth; colour type 0 (gray), compression, filter, interlace 0
        Chunk(file, "IHDR", header);
        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[width + 1]; // filter byte 0, then black pixels
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }
        Chunk(file, "IDAT", pixels.ToArray());
        Chunk(file, "IEND", []);
    }

    /// <summary>A copy of <paramref name="jpegPath"/> whose start-of-frame says width × height.</summary>
    public static byte[] JpegAnnouncing(string jpegPath, int width, int height)
    {
        var jpeg = File.ReadAllBytes(jpegPath);
        for (var i = 2; i + 9 < jpeg.Length; i++)
        {
            // SOF0..SOF2 (baseline, extended, progressive): FF Cx, length, precision, height, width.
            if (jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC1 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 7), (ushort)width);
                return jpeg;
            }
        }
        throw new InvalidDataException($"{jpegPath}: no start-of-frame marker");
    }

    private static void Chunk(Stream file, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        file.Write(length);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        file.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        file.Write(crc);
    }

    /// <summary>PNG's CRC-32 (the zlib polynomial); a few lines instead of a package for a test.</summary>
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
