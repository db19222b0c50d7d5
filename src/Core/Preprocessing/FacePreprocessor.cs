using EdgeEmotion.Core.Imaging;

namespace EdgeEmotion.Core.Preprocessing;

/// <summary>
/// The one path from a face in a grayscale picture to the model's input: square crop around
/// the face box (enlarged by a margin, edges replicated where it leaves the frame), turned so
/// the eyes are level when the detector gives eye positions (<see cref="RotatedCrop"/>),
/// resampled to 48x48, pixel values scaled to 0..1. Training, evaluation, quantization calibration and
/// the daemon all call this, so a face becomes the same tensor offline and in the field.
/// </summary>
/// <remarks>
/// Resampling is written here rather than taken from OpenCV or SkiaSharp because this must
/// give bit-identical tensors on every platform, including ARM boards with no OpenCV runtime,
/// and crop, border handling and resize are done in one pass without an intermediate image.
/// Downscaling averages the covered source area (like OpenCV's INTER_AREA); upscaling is
/// bilinear.
/// </remarks>
public sealed class FacePreprocessor
{
    public const int Size = 48;
    public const int TensorLength = Size * Size;

    /// <param name="margin">Fraction of the larger box side added on each side before cropping.</param>
    public FacePreprocessor(float margin = 0f)
    {
        if (margin is < 0f or > 2f || float.IsNaN(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "Margin must be between 0 and 2.");
        }
        Margin = margin;
    }

    public float Margin { get; }

    /// <summary>The square region that is cropped for a face box.</summary>
    public FaceBox CropRegion(FaceBox face)
    {
        var side = MathF.Max(face.Width, face.Height) * (1 + (2 * Margin));
        return new FaceBox(face.CenterX - (side / 2), face.CenterY - (side / 2), side, side);
    }

    /// <summary>Rolls smaller than this are left alone: below a degree the turn changes less
    /// than a pixel at 48x48, and level faces keep the exact unrotated tensor.</summary>
    public const float MinimumRollDegrees = 1f;

    /// <summary>Rolls larger than this are not trusted to be a tilted head (swapped or misplaced
    /// landmarks give about 180°); such faces are cropped unaligned.</summary>
    public const float MaximumRollDegrees = 60f;

    /// <summary>Writes the 48x48 tensor (0..1) of one face into <paramref name="destination"/>,
    /// turned so its eyes are level when <paramref name="eyes"/> are given (dataset faces, Haar
    /// detections: none, so no rotation).</summary>
    public void WriteTensor(GrayImage image, FaceBox face, Span<float> destination, EyePositions? eyes = null)
    {
        if (destination.Length < TensorLength)
        {
            throw new ArgumentException($"Destination needs {TensorLength} floats.", nameof(destination));
        }
        if (face.Width <= 0 || face.Height <= 0)
        {
            throw new ArgumentException($"Face box {face} is empty.", nameof(face));
        }
        var region = CropRegion(face);
        if (eyes is { } e && RollToUndo(e) is { } roll)
        {
            RotatedCrop.Write(image, region, roll, destination);
            return;
        }
        Span<Tap> xTaps = stackalloc Tap[Size * MaxTaps];
        Span<Tap> yTaps = stackalloc Tap[Size * MaxTaps];
        Span<int> xCounts = stackalloc int[Size];
        Span<int> yCounts = stackalloc int[Size];
        BuildTaps(region.X, region.Width, image.Width, xTaps, xCounts);
        BuildTaps(region.Y, region.Height, image.Height, yTaps, yCounts);

        var pixels = image.Pixels;
        var stride = image.Width;
        for (var oy = 0; oy < Size; oy++)
        {
            var yRow = yTaps.Slice(oy * MaxTaps, yCounts[oy]);
            for (var ox = 0; ox < Size; ox++)
            {
                var xRow = xTaps.Slice(ox * MaxTaps, xCounts[ox]);
                var sum = 0f;
                foreach (var ty in yRow)
                {
                    var rowStart = ty.Index * stride;
                    var rowSum = 0f;
                    foreach (var tx in xRow)
                    {
                        rowSum += pixels[rowStart + tx.Index] * tx.Weight;
                    }
                    sum += rowSum * ty.Weight;
                }
                destination[(oy * Size) + ox] = sum / 255f;
            }
        }
    }

    public float[] ToTensor(GrayImage image, FaceBox face, EyePositions? eyes = null)
    {
        var tensor = new float[TensorLength];
        WriteTensor(image, face, tensor, eyes);
        return tensor;
    }

    /// <summary>The roll to turn back, or null when the eyes are level enough or the angle is
    /// not believable as a head tilt.</summary>
    private static float? RollToUndo(EyePositions eyes)
    {
        var roll = eyes.Roll;
        var degrees = MathF.Abs(roll) * 180f / MathF.PI;
        return float.IsFinite(roll) && degrees >= MinimumRollDegrees && degrees <= MaximumRollDegrees ? roll : null;
    }

    /// <summary>A dataset face (already a 48x48-ish crop) as a tensor, through the same code.</summary>
    public float[] ToTensor(GrayImage face) => ToTensor(face, FaceBox.Covering(face.Width, face.Height));

    private readonly record struct Tap(int Index, float Weight);

    // Enough taps for a 16x downscale (a 768 px face); larger crops are sampled more sparsely.
    private const int MaxTaps = 18;

    /// <summary>Source indices and weights of each of the 48 outputs along one axis.</summary>
    private static void BuildTaps(float start, float length, int limit, Span<Tap> taps, Span<int> counts)
    {
        var scale = length / Size;
        for (var o = 0; o < Size; o++)
        {
            var n = 0;
            var slot = taps.Slice(o * MaxTaps, MaxTaps);
            if (scale > 1f)
            {
                // Area average over [a, b) in source coordinates.
                var a = start + (o * scale);
                var b = a + scale;
                var step = MathF.Max(1f, scale / (MaxTaps - 2));
                var total = 0f;
                for (var s = MathF.Floor(a); s < b && n < MaxTaps; s += step)
                {
                    var lo = MathF.Max(a, s);
                    var hi = MathF.Min(b, s + step);
                    var w = hi - lo;
                    if (w <= 0)
                    {
                        continue;
                    }
                    slot[n++] = new Tap(Clamp((int)s, limit), w);
                    total += w;
                }
                for (var i = 0; i < n; i++)
                {
                    slot[i] = slot[i] with { Weight = slot[i].Weight / total };
                }
            }
            else
            {
                // Bilinear at the output pixel's centre (half-pixel convention, as OpenCV).
                var c = start + ((o + 0.5f) * scale) - 0.5f;
                var i0 = (int)MathF.Floor(c);
                var f = c - i0;
                slot[n++] = new Tap(Clamp(i0, limit), 1f - f);
                if (f > 0f)
                {
                    slot[n++] = new Tap(Clamp(i0 + 1, limit), f);
                }
            }
            counts[o] = n;
        }
    }

    private static int Clamp(int i, int limit) => i < 0 ? 0 : i >= limit ? limit - 1 : i;
}
