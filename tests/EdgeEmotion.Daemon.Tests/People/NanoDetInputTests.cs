using EdgeEmotion.Core.People;

namespace EdgeEmotion.Daemon.Tests.People;

public class NanoDetInputTests
{
    private const int Side = NanoDetInput.Side;

    [Fact]
    public void A_wide_frame_is_centred_between_black_bands_and_boxes_map_back_to_it()
    {
        var placement = InputPlacement.Fit(480, 270, Side, PersonInputFit.Letterbox);
        Assert.Equal(Side, placement.Width);
        Assert.Equal(234, placement.Height); // 270 × 416/480
        Assert.Equal((Side - 234) / 2, placement.Top);
        Assert.Equal(0, placement.Left);
        var box = placement.ToFrame(104, placement.Top + 52, 208, placement.Top + 104, 480, 270);
        Assert.Equal(120, box.X, 3);
        Assert.Equal(60, box.Y, 3);
        Assert.Equal(120, box.Width, 3);
        Assert.Equal(60, box.Height, 3);
        // Past the frame (in the black band): cut at the frame's edge.
        var cut = placement.ToFrame(-10, 0, 500, Side, 480, 270);
        Assert.Equal(new EdgeEmotion.Core.Preprocessing.FaceBox(0, 0, 480, 270), cut);
    }

    [Fact]
    public void Gray_in_three_channels_is_colour_with_equal_channels_and_the_bands_are_black()
    {
        var gray = new GrayImage(48, 27, [.. Enumerable.Range(0, 48 * 27).Select(i => (byte)(i * 7))]);
        var rgb = gray.Pixels.SelectMany(p => new[] { p, p, p }).ToArray();
        var placement = InputPlacement.Fit(48, 27, Side, PersonInputFit.Letterbox);
        var fromGray = new NanoDetInput();
        var fromColour = new NanoDetInput();
        fromGray.Write(BgrPlanes.FromGray(gray), placement);
        fromColour.Write(BgrPlanes.FromInterleavedRgb(48, 27, rgb), placement);
        Assert.Equal(fromColour.Tensor, fromGray.Tensor);
        // Row 0 is in the top band: black, (0 − mean) / std per channel (blue, green, red).
        Assert.Equal(-103.53f / 57.375f, fromGray.Tensor[0], 4);
        Assert.Equal(-116.28f / 57.12f, fromGray.Tensor[Side * Side], 4);
        Assert.Equal(-123.675f / 58.395f, fromGray.Tensor[2 * Side * Side], 4);
    }

    [Fact]
    public void Colour_planes_go_to_blue_green_red_in_that_order()
    {
        // A pure red frame: only the third plane (red) is bright.
        var rgb = Enumerable.Range(0, 16 * 16).SelectMany(_ => new byte[] { 255, 0, 0 }).ToArray();
        var input = new NanoDetInput();
        input.Write(BgrPlanes.FromInterleavedRgb(16, 16, rgb), InputPlacement.Fit(16, 16, Side, PersonInputFit.Letterbox));
        var centre = (Side / 2 * Side) + (Side / 2);
        Assert.True(input.Tensor[centre] < 0);
        Assert.True(input.Tensor[(Side * Side) + centre] < 0);
        Assert.True(input.Tensor[(2 * Side * Side) + centre] > 2);
    }
}
