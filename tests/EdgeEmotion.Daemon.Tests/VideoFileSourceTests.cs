using EdgeEmotion.Daemon.Sources;
using OpenCvSharp;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>The OpenCV file source on a real video: an MJPEG AVI made from the demo pictures.</summary>
public class VideoFileSourceTests
{
    private static string WriteClip(TempDirectory dir, int frames)
    {
        var path = dir.Combine("clip.avi");
        using var writer = new VideoWriter(path, FourCC.MJPG, 10, new Size(640, 480));
        Assert.True(writer.IsOpened(), "OpenCV cannot write MJPEG AVI here");
        var pictures = Directory.GetFiles(DemoPictures.Folder, "*.jpg").Order(StringComparer.Ordinal).ToArray();
        for (var i = 0; i < frames; i++)
        {
            using var picture = Cv2.ImRead(pictures[i % pictures.Length]);
            using var resized = picture.Resize(new Size(640, 480));
            writer.Write(resized);
        }
        return path;
    }

    [Fact]
    public void A_clip_plays_to_its_end_as_640x480_gray_frames()
    {
        using var dir = new TempDirectory();
        var path = WriteClip(dir, 5);
        using var source = new OpenCvSource(SourceUri.Parse($"file://{path}"), 640, 480);
        var frames = 0;
        while (source.Read(CancellationToken.None) is { } frame)
        {
            Assert.Equal((640, 480), (frame.Width, frame.Height));
            Assert.True(frame.Pixels.Distinct().Count() > 50);
            frames++;
        }
        Assert.Equal(5, frames);
    }

    [Fact]
    public void A_looped_clip_starts_again()
    {
        using var dir = new TempDirectory();
        var path = WriteClip(dir, 3);
        using var source = new OpenCvSource(SourceUri.Parse($"file://{path}?loop=true"), 640, 480);
        var frames = Enumerable.Range(0, 7).Select(_ => source.Read(CancellationToken.None)).ToList();
        Assert.All(frames, Assert.NotNull);
        Assert.Equal(frames[0]!.Pixels, frames[3]!.Pixels);
    }
}
