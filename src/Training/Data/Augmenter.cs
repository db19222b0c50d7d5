namespace EdgeEmotion.Training.Data;

/// <summary>Random geometric augmentation of 48x48 faces, applied to the 0..1 tensors that
/// <see cref="EdgeEmotion.Core.Preprocessing.FacePreprocessor"/> made: width/height shift and
/// horizontal flip (the reference recipe), plus small rotations and zooms. Borders repeat the
/// nearest edge pixel, as Keras' <c>fill_mode='nearest'</c>.</summary>
public sealed class Augmenter(float maxShift = 0.1f, float maxRotationDegrees = 10f, float maxZoom = 0.1f, float eraseProbability = 0f)
{
    private const int Side = FaceDataset.Side;

    public float MaxShift { get; } = maxShift;
    public float MaxRotationDegrees { get; } = maxRotationDegrees;
    public float MaxZoom { get; } = maxZoom;
    public float EraseProbability { get; } = eraseProbability;

    /// <summary>Writes an augmented copy of <paramref name="source"/> (48x48) into <paramref name="destination"/>.</summary>
    public void Apply(ReadOnlySpan<float> source, Span<float> destination, Random random)
    {
        var flip = random.Next(2) == 1;
        var dx = Uniform(random, MaxShift) * Side;
        var dy = Uniform(random, MaxShift) * Side;
        var angle = Uniform(random, MaxRotationDegrees) * MathF.PI / 180f;
        var zoom = 1f + Uniform(random, MaxZoom);
        var cos = MathF.Cos(angle) / zoom;
        var sin = MathF.Sin(angle) / zoom;
        const float Centre = (Side - 1) / 2f;

        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                // Inverse map: output pixel → source position.
                var ux = (flip ? Side - 1 - x : x) - Centre - dx;
                var uy = y - Centre - dy;
                var sx = (cos * ux) + (sin * uy) + Centre;
                var sy = (-sin * ux) + (cos * uy) + Centre;
                destination[(y * Side) + x] = Sample(source, sx, sy);
            }
        }
        // Drawn only when enabled, so runs without erasing keep their random sequence.
        if (EraseProbability > 0 && random.NextSingle() < EraseProbability)
        {
            Erase(destination, random);
        }
    }

    /// <summary>Random erasing (Zhong et al., AAAI 2020): a rectangle of 2-20 % of the face with
    /// aspect 0.3-3.3 filled with noise, so the network cannot lean on one region (a hand or
    /// glasses over the mouth or eyes is common at a kiosk).</summary>
    private static void Erase(Span<float> face, Random random)
    {
        var area = (0.02f + (random.NextSingle() * 0.18f)) * Side * Side;
        var aspect = MathF.Exp(MathF.Log(0.3f) + (random.NextSingle() * (MathF.Log(3.3f) - MathF.Log(0.3f))));
        var h = Math.Clamp((int)MathF.Round(MathF.Sqrt(area * aspect)), 1, Side);
        var w = Math.Clamp((int)MathF.Round(MathF.Sqrt(area / aspect)), 1, Side);
        var top = random.Next(Side - h + 1);
        var left = random.Next(Side - w + 1);
        for (var y = top; y < top + h; y++)
        {
            for (var x = left; x < left + w; x++)
            {
                face[(y * Side) + x] = random.NextSingle();
            }
        }
    }

    private static float Uniform(Random random, float range) => ((random.NextSingle() * 2f) - 1f) * range;

    private static float Sample(ReadOnlySpan<float> image, float x, float y)
    {
        x = Math.Clamp(x, 0f, Side - 1);
        y = Math.Clamp(y, 0f, Side - 1);
        var x0 = (int)x;
        var y0 = (int)y;
        var x1 = Math.Min(x0 + 1, Side - 1);
        var y1 = Math.Min(y0 + 1, Side - 1);
        var fx = x - x0;
        var fy = y - y0;
        var top = (image[(y0 * Side) + x0] * (1 - fx)) + (image[(y0 * Side) + x1] * fx);
        var bottom = (image[(y1 * Side) + x0] * (1 - fx)) + (image[(y1 * Side) + x1] * fx);
        return (top * (1 - fy)) + (bottom * fy);
    }
}
