namespace EdgeEmotion.Quantize.Qdq;

/// <summary>Affine uint8 quantization of an activation: real = scale * (q - zeroPoint).</summary>
public readonly record struct ActivationQuantization(float Scale, byte ZeroPoint)
{
    public static ActivationQuantization FromRange(float lo, float hi)
    {
        lo = Math.Min(lo, 0f);
        hi = Math.Max(hi, 0f);
        if (hi - lo < 1e-12f)
        {
            return new ActivationQuantization(1f, 0);
        }
        var scale = (hi - lo) / 255f;
        var zero = (byte)Math.Clamp(MathF.Round(-lo / scale), 0, 255);
        return new ActivationQuantization(scale, zero);
    }
}

/// <summary>Symmetric per-output-channel int8 weights in 7 bits (-63..63): real = scale[c] * q.</summary>
/// <remarks>
/// x86 CPUs with AVX2 or AVX-512 but without VNNI multiply uint8 activations by int8 weights with
/// <c>vpmaddubsw</c>, which adds two products into a saturating int16: 255 * 127 * 2 overflows it, and
/// OnnxRuntime's kernels then silently clip. Measured on such a machine (AMD EPYC, AVX2 only): a model
/// with full-range weights agreed with float on 79 % of PublicTest faces. 7-bit weights keep every
/// pair within int16 (255 * 63 * 2 = 32,130), as OnnxRuntime's own quantizer does with
/// <c>reduce_range</c>; VNNI and ARM kernels, which accumulate in 32 bits, lose one bit of weight
/// resolution and nothing else.
/// </remarks>
public sealed record WeightQuantization(sbyte[] Values, float[] Scales)
{
    public const int MaxMagnitude = 63;

    public static WeightQuantization PerChannel(ReadOnlySpan<float> weights, int channels)
    {
        var perChannel = weights.Length / channels;
        var values = new sbyte[weights.Length];
        var scales = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            var row = weights.Slice(c * perChannel, perChannel);
            var maxAbs = 0f;
            foreach (var w in row)
            {
                maxAbs = MathF.Max(maxAbs, MathF.Abs(w));
            }
            var scale = maxAbs > 0 ? maxAbs / MaxMagnitude : 1f;
            scales[c] = scale;
            for (var k = 0; k < perChannel; k++)
            {
                values[(c * perChannel) + k] = (sbyte)Math.Clamp(MathF.Round(row[k] / scale), -MaxMagnitude, MaxMagnitude);
            }
        }
        return new WeightQuantization(values, scales);
    }
}
