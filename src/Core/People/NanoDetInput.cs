using EdgeEmotion.Core.Imaging;

namespace EdgeEmotion.Core.People;

/// <summary>NanoDet-m 416's input tensor [1,3,416,416]: blue, green, red planes placed by
/// <see cref="InputPlacement"/> (bilinear), each (value − mean) / std with the means and
/// deviations NanoDet was trained with; black (0) outside the frame, as in opencv_zoo's demo.
/// The daemon's detector and the quantizer's calibration frames are both made here.</summary>
public sealed class NanoDetInput
{
    /// <summary>The model's square input side in pixels (the 416 of nanodet-m-416).</summary>
    public const int Side = 416;

    private static readonly float[] Mean = [103.53f, 116.28f, 123.675f];
    private static readonly float[] Std = [57.375f, 57.12f, 58.395f];

    /// <summary>Reused between frames: 2 MB, a large-object-heap allocation per frame otherwise.</summary>
    public float[] Tensor { get; } = new float[3 * Side * Side];

    public void Write(BgrPlanes frame, InputPlacement placement)
    {
        var plane = Side * Side;
        GrayImage[] channels = [frame.Blue, frame.Green, frame.Red];
        for (var c = 0; c < 3; c++)
        {
            var target = Tensor.AsSpan(c * plane, plane);
            if (c > 0 && ReferenceEquals(channels[c], channels[c - 1]))
            {
                // A gray frame: the same plane again, resized once.
                Tensor.AsSpan((c - 1) * plane, plane).CopyTo(target);
            }
            else
            {
                target.Clear();
                GrayResize.Bilinear(channels[c], placement.Width, placement.Height, target[((placement.Top * Side) + placement.Left)..], Side);
            }
        }
        for (var c = 0; c < 3; c++)
        {
            var target = Tensor.AsSpan(c * plane, plane);
            var mean = Mean[c];
            var inverse = 1 / Std[c];
            for (var i = 0; i < target.Length; i++)
            {
                target[i] = (target[i] - mean) * inverse;
            }
        }
    }
}
