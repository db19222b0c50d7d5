using EdgeEmotion.Core.Evaluation;
using EdgeEmotion.Core.Imaging;
using EdgeEmotion.Core.Preprocessing;

namespace EdgeEmotion.Core.Tests;

/// <summary>Turning a face level by its eyes, inside the one preprocessing path.</summary>
public class FaceAlignmentTests
{
    private static GrayImage RealFace(string emotion = "happy", int index = 3) =>
        ImageDecoder.ReadGray(Directory.GetFiles(Path.Combine(RepoPaths.Fer2013, "test", emotion)).Order(StringComparer.Ordinal).ElementAt(index));

    private static double MeanDifference(float[] a, float[] b) => a.Zip(b).Average(p => Math.Abs(p.First - p.Second));

    [Fact]
    public void A_face_with_level_eyes_gives_todays_tensor_bit_for_bit()
    {
        var pre = new FacePreprocessor(margin: 0.1f);
        var (frame, eyes) = TurnedFace.Turn(RealFace(), 0);
        Assert.Equal(pre.ToTensor(frame, TurnedFace.Box), pre.ToTensor(frame, TurnedFace.Box, eyes));

        // A detected face in a real photo, downscaled: level eyes change nothing either.
        var photo = ImageDecoder.ReadGray(Directory.GetFiles(RepoPaths.Faces).Order(StringComparer.Ordinal).First());
        var box = new FaceBox(photo.Width * 0.3f, photo.Height * 0.2f, photo.Width * 0.25f, photo.Width * 0.25f);
        var level = new EyePositions(box.X + 30, box.Y + 40, box.X + 90, box.Y + 40.5f); // 0.5° roll: below the threshold
        Assert.Equal(pre.ToTensor(photo, box), pre.ToTensor(photo, box, level));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(-20)]
    [InlineData(30)]
    public void A_tilted_head_comes_out_level(float degrees)
    {
        var face = RealFace();
        var pre = new FacePreprocessor();
        var upright = pre.ToTensor(face);
        var (frame, eyes) = TurnedFace.Turn(face, degrees);
        Assert.Equal(degrees, eyes.Roll * 180 / MathF.PI, 3);

        var unaligned = MeanDifference(upright, pre.ToTensor(frame, TurnedFace.Box));
        var aligned = MeanDifference(upright, pre.ToTensor(frame, TurnedFace.Box, eyes));
        // Two bilinear resamplings blur a little; the tilt itself is gone.
        Assert.True(aligned < 0.02, $"aligned face differs from upright by {aligned:F4} on average");
        Assert.True(aligned * 3 < unaligned, $"aligned {aligned:F4} vs unaligned {unaligned:F4}");
    }

    [Fact]
    public void A_roll_too_large_for_a_head_tilt_is_left_unaligned()
    {
        var pre = new FacePreprocessor();
        var (frame, eyes) = TurnedFace.Turn(RealFace(), 0);
        var swapped = new EyePositions(eyes.LeftX, eyes.LeftY, eyes.RightX, eyes.RightY); // 180°: landmarks swapped
        Assert.Equal(pre.ToTensor(frame, TurnedFace.Box), pre.ToTensor(frame, TurnedFace.Box, swapped));
    }

    [Fact]
    public void Turning_by_zero_degrees_keeps_the_face()
    {
        var face = RealFace("sad", 5);
        var (frame, _) = TurnedFace.Turn(face, 0);
        Assert.Equal(new FacePreprocessor().ToTensor(face), new FacePreprocessor().ToTensor(frame, TurnedFace.Box));
    }

    [Fact]
    public void A_large_turned_face_is_averaged_not_point_sampled()
    {
        // A one-pixel checkerboard and a 192 px box (four times the output): the level path
        // averages it to grey; the turned path must too (4x4 samples per output pixel), where
        // sampling one point per output pixel would give black and white.
        var pixels = new byte[400 * 400];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(((i % 400) + (i / 400)) % 2 == 0 ? 0 : 255);
        }
        var frame = new GrayImage(400, 400, pixels);
        var box = new FaceBox(104, 104, 192, 192);
        var tilted = new FacePreprocessor().ToTensor(frame, box, new EyePositions(150, 180, 250, 180 + (100 * MathF.Tan(10 * MathF.PI / 180))));
        Assert.All(tilted, v => Assert.InRange(v, 0.35f, 0.65f));
    }
}
