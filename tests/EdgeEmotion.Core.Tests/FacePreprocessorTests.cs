using EdgeEmotion.Core.Imaging;
using EdgeEmotion.Core.Preprocessing;

namespace EdgeEmotion.Core.Tests;

public class FacePreprocessorTests
{
    private static GrayImage Gradient(int width, int height) =>
        new(width, height, [.. Enumerable.Range(0, width * height).Select(i => (byte)((i % width) + (i / width)))]);

    [Fact]
    public void A_48x48_dataset_face_becomes_its_pixels_over_255()
    {
        var face = ImageDecoder.ReadGray(Directory.GetFiles(Path.Combine(RepoPaths.Fer2013, "test", "happy"))[0]);
        var tensor = new FacePreprocessor().ToTensor(face);
        Assert.Equal(FacePreprocessor.TensorLength, tensor.Length);
        for (var i = 0; i < tensor.Length; i++)
        {
            Assert.Equal(face.Pixels[i] / 255f, tensor[i], 6);
        }
    }

    [Fact]
    public void A_face_box_is_cropped_square_with_margin_and_downscaled_by_area()
    {
        // A frame with a 96x96 block of value 200 on black: the block is the face.
        var pixels = new byte[320 * 240];
        for (var y = 50; y < 146; y++)
        {
            for (var x = 100; x < 196; x++)
            {
                pixels[(y * 320) + x] = 200;
            }
        }
        var frame = new GrayImage(320, 240, pixels);
        var pre = new FacePreprocessor(margin: 0.25f);
        var region = pre.CropRegion(new FaceBox(100, 50, 96, 96));
        Assert.Equal(144f, region.Width);
        Assert.Equal(76f, region.X);

        var t = pre.ToTensor(frame, new FaceBox(100, 50, 96, 96));
        // 24 source px of margin = 8 output px on each side.
        Assert.Equal(0f, t[(24 * 48) + 4]);
        Assert.Equal(200 / 255f, t[(24 * 48) + 24], 5);
        Assert.Equal(200 / 255f, t[(8 * 48) + 8], 5);
        Assert.Equal(0f, t[(7 * 48) + 7], 5);
    }

    [Fact]
    public void A_crop_that_leaves_the_frame_repeats_the_edge()
    {
        var frame = Gradient(64, 64);
        var t = new FacePreprocessor().ToTensor(frame, new FaceBox(-32, -32, 64, 64));
        // The top-left quarter lies outside the frame: it repeats pixel (0,0).
        Assert.Equal(frame[0, 0] / 255f, t[0], 5);
        Assert.Equal(frame[0, 0] / 255f, t[(20 * 48) + 20], 5);
    }

    [Fact]
    public void Small_faces_are_upscaled_bilinearly_without_overshoot()
    {
        var frame = Gradient(40, 40);
        var t = new FacePreprocessor().ToTensor(frame, new FaceBox(4, 4, 24, 24));
        // Half-pixel sampling reaches half a source pixel past the box (values 6..56 here), no further.
        Assert.All(t, v => Assert.InRange(v, 6 / 255f - 1e-6f, 56 / 255f + 1e-6f));
        // Monotonic along a row of a gradient.
        for (var x = 1; x < 48; x++)
        {
            Assert.True(t[(10 * 48) + x] >= t[(10 * 48) + x - 1]);
        }
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(3f)]
    public void An_impossible_margin_is_refused(float margin) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FacePreprocessor(margin));

    [Fact]
    public void An_empty_box_is_refused() =>
        Assert.Throws<ArgumentException>(() => new FacePreprocessor().ToTensor(Gradient(10, 10), new FaceBox(1, 1, 0, 5)));
}
