using EdgeEmotion.Core;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.OnnxGraph;
using EdgeEmotion.Daemon.People;

namespace EdgeEmotion.Daemon.Tests.People;

/// <summary>The model file: its bytes checked before loading, its graph checked at load, and
/// boxes placed back in frame pixels.</summary>
public class PersonDetectorModelTests
{
    [Fact]
    public void A_model_file_with_other_bytes_is_refused_naming_both_hashes()
    {
        using var dir = new TempDirectory();
        var copy = DamagedCopy(PersonRecallTests.Model, dir);
        var error = Assert.Throws<UserInputException>(() => new NanoDetPersonDetector(copy));
        Assert.Contains(NanoDetPersonDetector.PublishedSha256, error.Message, StringComparison.Ordinal);
        Assert.Contains("refusing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_file_is_the_published_one()
    {
        using var detector = new NanoDetPersonDetector(PersonRecallTests.Model);
        Assert.Equal(NanoDetPersonDetector.PublishedSha256, detector.Sha256);
    }

    [Fact]
    public void The_shipped_int8_file_loads_with_the_default_check_and_runs_in_the_form_the_rule_picks()
    {
        using var detector = new NanoDetPersonDetector(PersonRecallTests.Int8Model);
        Assert.Equal(NanoDetPersonDetector.ShippedInt8Sha256, detector.Sha256);
        Assert.Equal(Int8KernelRule.Choose(CpuFeatures.Current()).Form, detector.Int8Kernels);
        using var forced = new NanoDetPersonDetector(PersonRecallTests.Int8Model, int8Kernels: Int8KernelForm.U8U8);
        Assert.Equal(Int8KernelForm.U8U8, forced.Int8Kernels);
        using var floatModel = new NanoDetPersonDetector(PersonRecallTests.Model);
        Assert.Null(floatModel.Int8Kernels);
    }

    [Fact]
    public void An_int8_file_with_other_bytes_is_refused_naming_the_shipped_hashes()
    {
        using var dir = new TempDirectory();
        var copy = DamagedCopy(PersonRecallTests.Int8Model, dir);
        var error = Assert.Throws<UserInputException>(() => new NanoDetPersonDetector(copy));
        Assert.Contains(NanoDetPersonDetector.PublishedSha256, error.Message, StringComparison.Ordinal);
        Assert.Contains(NanoDetPersonDetector.ShippedInt8Sha256, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_model_is_refused_by_its_graph()
    {
        var yunet = Path.Combine(RepoPaths.Models, "yunet-n-dynamic.onnx");
        var error = Assert.Throws<UserInputException>(() => new NanoDetPersonDetector(yunet, expectedSha256: null));
        Assert.Contains("not a NanoDet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Boxes_land_in_frame_pixels_whatever_the_frame_size()
    {
        using var detector = new NanoDetPersonDetector(PersonRecallTests.Model);
        var frame = PersonRecallTests.Frames().First(f => f.Clip == "head-pose-face-detection-male").Gray();
        var half = Half(frame);
        var full = Assert.Single(detector.Detect(frame));
        var small = Assert.Single(detector.Detect(half));
        // The same man: the box in the half-size frame is the full-size one halved, within a few pixels.
        Assert.InRange(Math.Abs((small.Box.CenterX * 2) - full.Box.CenterX), 0, 0.05 * full.Box.Width);
        Assert.InRange(Math.Abs((small.Box.Height * 2) - full.Box.Height), 0, 0.1 * full.Box.Height);
        Assert.All([full.Box, small.Box], b => Assert.True(b.X >= 0 && b.Y >= 0));
        Assert.True(full.Box.X + full.Box.Width <= frame.Width && full.Box.Y + full.Box.Height <= frame.Height);
    }

    private static GrayImage Half(GrayImage frame)
    {
        var pixels = new byte[(frame.Width / 2) * (frame.Height / 2)];
        for (var y = 0; y < frame.Height / 2; y++)
        {
            for (var x = 0; x < frame.Width / 2; x++)
            {
                pixels[(y * (frame.Width / 2)) + x] = frame[2 * x, 2 * y];
            }
        }
        return new GrayImage(frame.Width / 2, frame.Height / 2, pixels);
    }

    /// <summary>A copy of <paramref name="model"/> under its own name in <paramref name="dir"/>, its last byte flipped.</summary>
    private static string DamagedCopy(string model, TempDirectory dir)
    {
        var copy = dir.Combine(Path.GetFileName(model));
        var bytes = File.ReadAllBytes(model);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(copy, bytes);
        return copy;
    }
}
